export function programName(project: string, service: string): string {
  return `${project}-${service}`;
}

export function variantName(project: string, service: string, fallback: string): string {
  return `${programName(project, service)}--${fallback}`;
}
