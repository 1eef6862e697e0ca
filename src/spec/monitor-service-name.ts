/** The service name the supervised monitor takes (`monitor.supervised`): no service of the spec may have it. */
export const monitorServiceName = 'orchgen-monitor';
