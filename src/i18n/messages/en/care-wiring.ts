/**
 * Community care wired to the hotseat and the alumni space (issue 8): hotseats in insights and in
 * the export, trends across cohorts, routing questions to alumni, champions in alumni communities.
 */
export const careWiring = {
  // Insights
  'careWiring.insightsScope': 'These figures cover the discussion room and the course\'s hotseats.',
  'careWiring.activeIncludesHotseats': 'Asking a hotseat question or voting on one counts as taking part too (questions anonymous to everyone excepted).',
  'careWiring.chartHotseatQuestions': 'Hotseat questions per week',
  'careWiring.unitQuestion': 'question',
  'careWiring.unitQuestions': 'questions',
  'careWiring.hotseatQuestionsColumn': 'Hotseat questions',
  'careWiring.hotseatsHeading': 'Hotseats',
  'careWiring.hotseatsHint': 'Every published hotseat, the latest first, with the figures its own page shows once it closes. Questions waiting for approval, withdrawn, declined or merged are not counted; participants asked, voted or followed up.',
  'careWiring.hotseatsCaption': 'Hotseats and their figures',
  'careWiring.hotseatColumn': 'Hotseat',
  'careWiring.whenColumn': 'Starts',
  'careWiring.questionsColumn': 'Questions',
  'careWiring.answeredColumn': 'Answered',
  'careWiring.votesColumn': 'Votes',
  'careWiring.participantsColumn': 'Participants',
  'careWiring.noHotseats': 'No hotseats yet. A scheduled question-and-answer session from the course\'s Hotseats page often gets quiet learners asking.',
  'careWiring.cohortsLink': 'Trends across the cohorts of this course\'s alumni community',
  // Trends across cohorts
  'careWiring.cohortsTitle': 'Across cohorts',
  'careWiring.cohortsIntro': 'Every run of the course linked to {community}, each from its own first week. Counts only: nobody is named.',
  'careWiring.cohortsNotLinked': 'This course is not linked to an alumni community yet, so there are no other cohorts to compare. Staff link it from the course\'s Alumni page.',
  'careWiring.cohortsEmpty': 'No course run is linked to this community yet. When staff link a course to it, its figures appear here.',
  'careWiring.cohortsSummaryCaption': 'Each course run in figures',
  'careWiring.cohortColumn': 'Course run',
  'careWiring.learnersColumn': 'Learners',
  'careWiring.tookPartColumn': 'Took part',
  'careWiring.medianColumn': 'Median time to a first answer',
  'careWiring.graduatesColumn': 'Became alumni',
  'careWiring.notYetKnown': 'not yet known',
  // Export
  'careWiring.exportHotseats': 'The JSON download also holds every hotseat, drafts included, with its hosts and its questions: their votes, answers and follow-ups. Hotseat questions follow the same rule as posts: a question anonymous to everyone stays anonymous.',
  'careWiring.downloadHotseatsCsv': 'Download hotseats CSV',
  'careWiring.downloadHotseatsCsvHint': 'one row per hotseat question or follow-up, for spreadsheets',
  // Routing to alumni
  'careWiring.alumnusOf': 'Alumnus · {cohorts}',
  'careWiring.alumniRoutingExplained': 'Alumni cannot open this course. Asking one of them posts this question (its title and text, never who asked) in the {community} alumni space, where they answer it; nobody else there is notified.',
  'careWiring.alumniThreadLink': 'The question in the alumni space',
  // Champions and the alumni community's staff view
  'careWiring.championsInCommunity': 'In an alumni community, champions are chosen among its alumni. They may pin and lock threads of the community\'s room, nothing more.',
  'careWiring.communityChampionsLink': 'Community champions',
  'careWiring.communityTrendsLink': 'Trends across cohorts',
  // Errors (AppError sentences; see commands/care/champions.ts)
} as const;
