import type { ClientSession } from 'mongoose';
import type { Id } from '../../../domain/ids';
import type { ErasureCounts, PersonalRecords } from '../../care-ports';
import type { AlumniProfileDoc, AlumnusDoc } from '../alumni-schemas';
import type { CareModels } from '../care-schemas';
import type { ParticipationScoreDoc } from '../grades-schemas';
import type { HotseatFollowUpDoc, HotseatHostDoc, HotseatQuestionDoc, HotseatVoteDoc } from '../hotseat-schemas';
import { careAreaModels } from './care-area-models';

/**
 * A person's records outside the discussion room (the hotseat, the alumni space, participation
 * grades): what personal-data.ts adds to their export and removes when they erase their data.
 */
type AreaRecords = Pick<PersonalRecords,
  'hotseatQuestions' | 'hotseatFollowUps' | 'hotseatVotes' | 'hotseatAnswers' | 'hotseatHosting' | 'alumni' | 'alumniProfiles' | 'gradePushes'>;

export async function collectAreaRecords(care: CareModels, session: ClientSession | undefined, personId: Id): Promise<AreaRecords> {
  const m = careAreaModels(care);
  const questions = await m.hotseatQuestions.find({ authorId: personId }, null, { session }).sort({ createdAt: 1, _id: 1 }).lean<HotseatQuestionDoc[]>();
  const followUps = await m.hotseatFollowUps.find({ authorId: personId }, null, { session }).sort({ createdAt: 1, _id: 1 }).lean<HotseatFollowUpDoc[]>();
  const votes = await m.hotseatVotes.find({ personId }, null, { session }).sort({ createdAt: 1, questionId: 1 }).lean<HotseatVoteDoc[]>();
  const answers = await m.hotseatQuestions.find({ answeredBy: personId }, null, { session }).sort({ answeredAt: 1, _id: 1 }).lean<HotseatQuestionDoc[]>();
  const hosting = await m.hotseatHosts.find({ personId }, null, { session }).sort({ addedAt: 1, hotseatId: 1 }).lean<HotseatHostDoc[]>();
  const alumni = await m.alumni.find({ personId }, null, { session }).sort({ graduatedAt: 1, courseId: 1 }).lean<AlumnusDoc[]>();
  const profiles = await m.alumniProfiles.find({ personId }, null, { session }).sort({ communityId: 1 }).lean<AlumniProfileDoc[]>();
  const scores = await m.participationScores.find({ personId }, null, { session }).sort({ courseId: 1 }).lean<ParticipationScoreDoc[]>();
  return {
    hotseatQuestions: questions.map((doc) => ({
      courseId: doc.courseId, hotseatId: doc.hotseatId, id: doc._id, bodySource: doc.bodySource, anonymity: doc.anonymity, status: doc.status,
      hidden: doc.hidden, answerSource: doc.answerSource ?? null, createdAt: doc.createdAt, editedAt: doc.editedAt ?? null,
    })),
    hotseatFollowUps: followUps.map((doc) => ({
      courseId: doc.courseId, hotseatId: doc.hotseatId, questionId: doc.questionId, id: doc._id, bodySource: doc.bodySource, anonymity: doc.anonymity, createdAt: doc.createdAt,
    })),
    hotseatVotes: votes.map((doc) => ({ courseId: doc.courseId, hotseatId: doc.hotseatId, questionId: doc.questionId, createdAt: doc.createdAt })),
    hotseatAnswers: answers.map((doc) => ({
      courseId: doc.courseId, hotseatId: doc.hotseatId, questionId: doc._id, answerSource: doc.answerSource ?? null, answeredAt: doc.answeredAt!,
    })),
    hotseatHosting: hosting.map((doc) => ({ courseId: doc.courseId, hotseatId: doc.hotseatId, kind: doc.kind, bio: doc.bio ?? null, addedAt: doc.addedAt })),
    alumni: alumni.map((doc) => ({ communityId: doc.communityId, courseId: doc.courseId, cohortLabel: doc.cohortLabel, graduatedAt: doc.graduatedAt })),
    alumniProfiles: profiles.map((doc) => ({
      communityId: doc.communityId, visible: doc.visible, displayName: doc.displayName, bio: doc.bio, tags: doc.tags,
      happyToBeAsked: doc.happyToBeAsked, updatedAt: doc.updatedAt,
    })),
    gradePushes: scores.map((doc) => ({ courseId: doc.courseId, scoreGiven: doc.scoreGiven, scoreMaximum: doc.scoreMaximum, pushedAt: doc.pushedAt })),
  };
}

/** Runs inside personal-data.ts's erase transaction. */
export async function eraseAreaRecords(care: CareModels, session: ClientSession, personId: Id): Promise<Pick<ErasureCounts, 'hotseatVotes' | 'hostBios' | 'alumniProfiles' | 'mentors' | 'gradePushes'>> {
  const m = careAreaModels(care);
  return {
    // The questions keep their vote counts, as posts do.
    hotseatVotes: (await m.hotseatVotes.deleteMany({ personId }, { session })).deletedCount,
    // A host stays a host (their answers stay theirs, shown as by "Former member"); what they wrote about themselves goes.
    hostBios: (await m.hotseatHosts.updateMany({ personId, bio: { $type: 'string' } }, { $set: { bio: null } }, { session })).modifiedCount,
    alumniProfiles: (await m.alumniProfiles.deleteMany({ personId }, { session })).deletedCount,
    mentors: (await m.alumniMentors.deleteMany({ personId }, { session })).deletedCount,
    gradePushes: (await m.participationScores.deleteMany({ personId }, { session })).deletedCount,
  };
}
