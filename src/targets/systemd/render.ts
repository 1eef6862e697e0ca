import { renderTemplate } from '../shared/templates.js';
import type { UnitFile } from './sections.js';

export function renderServiceUnit(unit: UnitFile): string {
  return renderTemplate('systemd', 'service', { unit: unit.Unit, service: unit.Service, install: unit.Install });
}

export function renderTargetUnit(description: string, wants: readonly string[], wantedBy: string): string {
  return renderTemplate('systemd', 'target', { description, wants, wantedBy });
}

export function renderDropIn(dropIn: Pick<UnitFile, 'Unit' | 'Service'>): string {
  return renderTemplate('systemd', 'dropin', { unit: dropIn.Unit, service: dropIn.Service });
}
