import type { careWiring as english } from '../en/care-wiring';
import type { TranslationOf } from '../types';

export const careWiring: TranslationOf<typeof english> = {
  // Insights
  'careWiring.insightsScope': 'Estas cifras abarcan la sala de discusión y las sesiones de preguntas (hotseats) del curso.',
  'careWiring.activeIncludesHotseats': 'Hacer una pregunta en un hotseat o votar una también cuenta como participación (salvo las preguntas anónimas para todos).',
  'careWiring.chartHotseatQuestions': 'Preguntas de hotseat por semana',
  'careWiring.unitQuestion': 'pregunta',
  'careWiring.unitQuestions': 'preguntas',
  'careWiring.hotseatQuestionsColumn': 'Preguntas de hotseat',
  'careWiring.hotseatsHeading': 'Hotseats',
  'careWiring.hotseatsHint': 'Todos los hotseats publicados, del más reciente al más antiguo, con las cifras que muestra su propia página al cerrarse. No se cuentan las preguntas pendientes de aprobación, retiradas, rechazadas ni fusionadas; participantes son quienes preguntaron, votaron o añadieron un seguimiento.',
  'careWiring.hotseatsCaption': 'Los hotseats y sus cifras',
  'careWiring.hotseatColumn': 'Hotseat',
  'careWiring.whenColumn': 'Comienza',
  'careWiring.questionsColumn': 'Preguntas',
  'careWiring.answeredColumn': 'Respondidas',
  'careWiring.votesColumn': 'Votos',
  'careWiring.participantsColumn': 'Participantes',
  'careWiring.noHotseats': 'Todavía no hay hotseats. Una sesión de preguntas y respuestas programada desde la página Hotseats del curso suele animar a preguntar a quienes no participan.',
  'careWiring.cohortsLink': 'Tendencias entre las cohortes de la comunidad de egresados de este curso',
  // Trends across cohorts
  'careWiring.cohortsTitle': 'Entre cohortes',
  'careWiring.cohortsIntro': 'Cada edición del curso vinculada a {community}, cada una desde su primera semana. Solo recuentos: no se nombra a nadie.',
  'careWiring.cohortsNotLinked': 'Este curso aún no está vinculado a una comunidad de egresados, así que no hay otras cohortes con las que comparar. El profesorado lo vincula desde la página Egresados del curso.',
  'careWiring.cohortsEmpty': 'Todavía no hay ninguna edición del curso vinculada a esta comunidad. Cuando el profesorado vincule un curso, sus cifras aparecerán aquí.',
  'careWiring.cohortsSummaryCaption': 'Cada edición del curso en cifras',
  'careWiring.cohortColumn': 'Edición del curso',
  'careWiring.learnersColumn': 'Estudiantes',
  'careWiring.tookPartColumn': 'Participaron',
  'careWiring.medianColumn': 'Tiempo mediano hasta la primera respuesta',
  'careWiring.graduatesColumn': 'Pasaron a egresados',
  'careWiring.notYetKnown': 'aún no se sabe',
  // Export
  'careWiring.exportHotseats': 'La descarga JSON también incluye todos los hotseats, borradores incluidos, con sus anfitriones y sus preguntas: votos, respuestas y seguimientos. Las preguntas de hotseat siguen la misma regla que las publicaciones: una pregunta anónima para todos sigue siendo anónima.',
  'careWiring.downloadHotseatsCsv': 'Descargar CSV de hotseats',
  'careWiring.downloadHotseatsCsvHint': 'una fila por pregunta de hotseat o seguimiento, para hojas de cálculo',
  // Routing to alumni
  'careWiring.alumnusOf': 'Antiguo alumno · {cohorts}',
  'careWiring.alumniRoutingExplained': 'Los egresados no pueden abrir este curso. Pedírselo a uno de ellos publica esta pregunta (su título y su texto, nunca quién la hizo) en el espacio de egresados {community}, donde la responden; no se avisa a nadie más allí.',
  'careWiring.alumniThreadLink': 'La pregunta en el espacio de egresados',
  // Champions and the alumni community's staff view
  'careWiring.championsInCommunity': 'En una comunidad de egresados, los referentes se eligen entre sus egresados. Pueden fijar y cerrar hilos de la sala de la comunidad, nada más.',
  'careWiring.communityChampionsLink': 'Referentes de la comunidad',
  'careWiring.communityTrendsLink': 'Tendencias entre cohortes',
  // Errors (AppError sentences; see commands/care/champions.ts)
};
