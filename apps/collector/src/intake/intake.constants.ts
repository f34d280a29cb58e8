/** Metadata key of RecordIntake: which receiver a controller or route is. */
export const INTAKE_RECEIVER = 'collector:intake-receiver';
