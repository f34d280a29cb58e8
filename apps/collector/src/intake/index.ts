// The intake record, for the protocol modules (RecordIntake) and the read API (its figures).
export { IntakeLog, INTAKE_LIMIT, type IntakeEntry, type IntakeReceiver } from './intake.log';
export { IntakeModule } from './intake.module';
export { RecordIntake } from './record-intake.decorator';
