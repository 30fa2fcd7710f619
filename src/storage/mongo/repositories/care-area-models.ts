import type { Model } from 'mongoose';
import type { AlumniProfileDoc, AlumnusDoc, CommunityPersonDoc } from '../alumni-schemas';
import type { CareModels } from '../care-schemas';
import type { ParticipationScoreDoc } from '../grades-schemas';
import type { HotseatFollowUpDoc, HotseatHostDoc, HotseatQuestionDoc, HotseatVoteDoc } from '../hotseat-schemas';

/**
 * The other areas' models that community care reads (insights, a person's own data), looked up by
 * name on the connection their areas compiled them on (index.ts defines every area's models before
 * any repository runs), so the care repositories need no extra constructor arguments.
 */
export interface CareAreaModels {
  hotseatQuestions: Model<HotseatQuestionDoc>;
  hotseatVotes: Model<HotseatVoteDoc>;
  hotseatFollowUps: Model<HotseatFollowUpDoc>;
  hotseatHosts: Model<HotseatHostDoc>;
  alumni: Model<AlumnusDoc>;
  alumniProfiles: Model<AlumniProfileDoc>;
  alumniMentors: Model<CommunityPersonDoc>;
  participationScores: Model<ParticipationScoreDoc>;
}

export function careAreaModels(care: CareModels): CareAreaModels {
  const connection = care.champions.db;
  return {
    hotseatQuestions: connection.model<HotseatQuestionDoc>('HotseatQuestion'),
    hotseatVotes: connection.model<HotseatVoteDoc>('HotseatVote'),
    hotseatFollowUps: connection.model<HotseatFollowUpDoc>('HotseatFollowUp'),
    hotseatHosts: connection.model<HotseatHostDoc>('HotseatHost'),
    alumni: connection.model<AlumnusDoc>('Alumnus'),
    alumniProfiles: connection.model<AlumniProfileDoc>('AlumniProfile'),
    alumniMentors: connection.model<CommunityPersonDoc>('AlumniMentor'),
    participationScores: connection.model<ParticipationScoreDoc>('ParticipationScore'),
  };
}
