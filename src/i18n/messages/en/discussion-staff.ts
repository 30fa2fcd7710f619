/**
 * The discussion room's staff pages: moderation queue, room settings, unanswered questions and
 * routing one to people likely to know. Same "discussion." area as discussion.ts, kept apart for size.
 */
export const discussionStaff = {
  // Moderation
  'discussion.moderationTitle': 'Moderation',
  'discussion.backToRoom': '← Discussion room',
  'discussion.noReports': 'No open reports. When someone reports a post, it appears here with who reported it and why.',
  'discussion.hiddenBadge': 'Hidden',
  'discussion.threadBy': 'Thread by',
  'discussion.replyBy': 'Reply by',
  'discussion.deletedNote': 'Deleted.',
  'discussion.hidePost': 'Hide post',
  'discussion.dismissReports': 'Dismiss reports',

  // Room settings
  'discussion.anonymousPosts': 'Anonymous posts',
  'discussion.roomAnonymityNamed': 'Named: every post shows its author',
  'discussion.roomAnonymityPeers': 'Anonymous to classmates allowed: staff still see who wrote it',
  'discussion.roomAnonymityEveryone': 'Anonymous to everyone allowed: nobody, staff included, sees who wrote it',
  'discussion.anonymityKept': 'Each post keeps the anonymity it was written with: changing this never reveals earlier authors.',
  'discussion.policyHint': '(Markdown; learners accept it once before their first post; leave empty for none)',
  'discussion.policyVersion': 'Version {version}. Changing the text asks everyone to accept it again.',
  'discussion.saveSettings': 'Save settings',
  'discussion.noTags': 'No tags yet. Tags help people find threads on a topic (e.g. "Week 3", "Exam").',
  'discussion.confirmDeleteTag': 'Delete the tag {name}? Threads keep their text.',
  'discussion.tagNamed': 'tag {name}',
  'discussion.newTag': 'New tag',
  'discussion.addTag': 'Add tag',
  'discussion.staffOnlyTitle': 'Staff only',
  'discussion.staffOnlySettings': 'Only course staff can change the room settings.',

  // Unanswered questions
  'discussion.unansweredHeading': 'Unanswered questions',
  'discussion.unansweredHint': 'A question waits until its asker accepts an answer or staff endorse one: replies alone do not settle it. Deleted and hidden questions are left out. The longest-waiting come first.',
  'discussion.unansweredSummary': { one: '<strong>{count} question</strong> waiting.', other: '<strong>{count} questions</strong> waiting.' },
  'discussion.unansweredSummaryOverdue': {
    one: '<strong>{count} question</strong> waiting, <strong class="overdue-text">{overdue} past the {hours}-hour target</strong>.',
    other: '<strong>{count} questions</strong> waiting, <strong class="overdue-text">{overdue} past the {hours}-hour target</strong>.',
  },
  'discussion.changeTarget': 'Change the target',
  'discussion.noUnanswered': 'No question is waiting for an answer. When a learner asks a question in the discussion room, it appears here until it has an accepted or endorsed answer.',
  'discussion.pastTarget': 'Past the target',
  'discussion.routed': 'Routed',
  'discussion.askedBy': 'Asked by',
  'discussion.waiting': 'waiting <strong>{waited}</strong>',
  'discussion.since': 'since',
  'discussion.repliesNoneSettled': { one: '{count} reply, none accepted or endorsed', other: '{count} replies, none accepted or endorsed' },
  'discussion.askedToHelp': 'Asked to help:',
  'discussion.routeToPeople': 'Route to people who know',
  'discussion.showingLongestWaiting': { other: 'Showing the {count} longest-waiting questions.' },

  // Routing one question
  'discussion.backToUnanswered': '← Unanswered questions',
  'discussion.routeHeading': 'Route a question',
  'discussion.alreadyAskedHeading': 'Already asked',
  'discussion.likelyToKnow': 'People likely to know',
  'discussion.rankedAnywhere': 'Current learners ranked by answers staff endorsed anywhere in this course (this question has no tags).',
  'discussion.rankedByTags': 'Current learners ranked by answers staff endorsed under this question\'s tags.',
  'discussion.routingPrivacy': 'Answers posted anonymously to everyone never count, so nobody is tied to them. The people you choose get a notification; nobody is asked twice about the same question.',
  'discussion.ask': 'Ask',
  'discussion.endorsedAnswers': { one: '{count} endorsed answer', other: '{count} endorsed answers' },
  'discussion.alreadyAsked': 'already asked',
  'discussion.askThem': 'Ask them to help',
  'discussion.noSuggestions': 'Nobody has staff-endorsed answers on these topics yet. Endorse good answers in the discussion room: the people who wrote them will be suggested here next time.',
  'discussion.aRemovedTag': 'a removed tag',
  'discussion.routedNobodyNew': 'Everyone you chose had been asked already: nobody was asked twice.',
  'discussion.routedCount': { one: 'Asked {count} person to help with this question.', other: 'Asked {count} people to help with this question.' },
} as const;
