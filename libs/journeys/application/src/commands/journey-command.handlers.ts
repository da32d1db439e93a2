/** One command and one handler per journey use case; the api registers every handler listed here. */
import { StartJourneyHandler } from './start-journey.handler';
import { ArticulateVisionHandler } from './articulate-vision.handler';
import { ReviseVisionHandler } from './revise-vision.handler';
import { SetDirectionHandler } from './set-direction.handler';
import { MakePivotHandler } from './make-pivot.handler';
import { PlanStepHandler } from './plan-step.handler';
import { TakeStepHandler } from './take-step.handler';
import { DropStepHandler } from './drop-step.handler';
import { RecordReflectionHandler } from './record-reflection.handler';
import { RequestSupportHandler } from './request-support.handler';
import { OfferSupportHandler } from './offer-support.handler';
import { MakeCommitmentHandler } from './make-commitment.handler';
import { KeepCommitmentHandler } from './keep-commitment.handler';
import { MissCommitmentHandler } from './miss-commitment.handler';
import { PauseJourneyHandler } from './pause-journey.handler';
import { ResumeJourneyHandler } from './resume-journey.handler';
import { CompleteJourneyHandler } from './complete-journey.handler';
import { AbandonJourneyHandler } from './abandon-journey.handler';

export const journeyCommandHandlers = [
  StartJourneyHandler,
  ArticulateVisionHandler,
  ReviseVisionHandler,
  SetDirectionHandler,
  MakePivotHandler,
  PlanStepHandler,
  TakeStepHandler,
  DropStepHandler,
  RecordReflectionHandler,
  RequestSupportHandler,
  OfferSupportHandler,
  MakeCommitmentHandler,
  KeepCommitmentHandler,
  MissCommitmentHandler,
  PauseJourneyHandler,
  ResumeJourneyHandler,
  CompleteJourneyHandler,
  AbandonJourneyHandler,
];
