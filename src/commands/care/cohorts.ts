import type { Community } from '../../domain/alumni';
import type { Course } from '../../domain/course';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { cohortTrends, communityOf, type CohortFigures } from './insights';

/**
 * The community-level view of insights: every course run linked to an alumni community, side by
 * side, counts only. Staff reach it from a course's insights page (for the community that course
 * belongs to) and from the community's own staff view (its space course); either way only the
 * community's staff ('alumni.manage': staff of a linked course) see it.
 */
export interface CommunityTrends {
  community: Community | null;
  cohorts: CohortFigures[];
}

export async function loadCommunityTrends(ctx: CommandContext, actor: Actor, course: Pick<Course, 'id'>): Promise<CommunityTrends> {
  authorize(actor, 'alumni.manage', { courseId: course.id });
  const community = await communityOf(ctx, course.id);
  if (!community) return { community: null, cohorts: [] };
  const links = await ctx.storage.alumniCourses.listByCommunity(community.id);
  const runs: Array<Pick<Course, 'id' | 'title' | 'createdAt'>> = [];
  for (const link of links) {
    const run = await ctx.storage.courses.findById(link.courseId);
    // Runs are told apart by their cohort label: every run of a course has the same title.
    if (run) runs.push({ id: run.id, title: link.cohortLabel ?? run.title, createdAt: run.createdAt });
  }
  return { community, cohorts: await cohortTrends(ctx, runs) };
}
