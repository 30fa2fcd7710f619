import type { discussionStaff as english } from '../en/discussion-staff';
import type { TranslationOf } from '../types';

export const discussionStaff: TranslationOf<typeof english> = {
  // Moderation
  'discussion.moderationTitle': 'Moderación',
  'discussion.backToRoom': '← Sala de discusión',
  'discussion.noReports': 'No hay denuncias abiertas. Cuando alguien denuncia una publicación, aparece aquí con quién la denunció y por qué.',
  'discussion.hiddenBadge': 'No visible',
  'discussion.threadBy': 'Hilo de',
  'discussion.replyBy': 'Respuesta de',
  'discussion.deletedNote': 'Contenido eliminado.',
  'discussion.hidePost': 'Ocultar la publicación',
  'discussion.dismissReports': 'Descartar las denuncias',

  // Room settings
  'discussion.anonymousPosts': 'Publicaciones anónimas',
  'discussion.roomAnonymityNamed': 'Con nombre: cada publicación muestra quién la escribió',
  'discussion.roomAnonymityPeers': 'Se permite el anonimato ante los compañeros: el personal docente sigue viendo quién escribió',
  'discussion.roomAnonymityEveryone': 'Se permite el anonimato ante todos: nadie, tampoco el personal docente, ve quién escribió',
  'discussion.anonymityKept': 'Cada publicación conserva el anonimato con el que se escribió: cambiar esto nunca revela la autoría de publicaciones anteriores.',
  'discussion.policyHint': '(Markdown; cada estudiante las acepta una vez antes de su primera publicación; déjalo vacío si no hay normas)',
  'discussion.policyVersion': 'Versión {version}. Si cambias el texto, todos deberán volver a aceptarlas.',
  'discussion.saveSettings': 'Guardar los ajustes',
  'discussion.noTags': 'Todavía no hay etiquetas. Las etiquetas ayudan a encontrar hilos sobre un tema (p. ej., «Semana 3», «Examen»).',
  'discussion.confirmDeleteTag': '¿Eliminar la etiqueta {name}? Los hilos conservan su texto.',
  'discussion.tagNamed': 'la etiqueta {name}',
  'discussion.newTag': 'Nueva etiqueta',
  'discussion.addTag': 'Añadir la etiqueta',
  'discussion.staffOnlyTitle': 'Solo para el personal docente',
  'discussion.staffOnlySettings': 'Solo el personal docente puede cambiar los ajustes de la sala.',

  // Unanswered questions
  'discussion.unansweredHeading': 'Preguntas sin respuesta',
  'discussion.unansweredHint': 'Una pregunta espera hasta que quien la hizo acepta una respuesta o el personal docente avala una: las respuestas por sí solas no la resuelven. Las preguntas eliminadas u ocultas no aparecen. Primero van las que más llevan esperando.',
  'discussion.unansweredSummary': { one: '<strong>{count} pregunta</strong> en espera.', other: '<strong>{count} preguntas</strong> en espera.' },
  'discussion.unansweredSummaryOverdue': {
    one: '<strong>{count} pregunta</strong> en espera, <strong class="overdue-text">{overdue} fuera del plazo de {hours} h</strong>.',
    other: '<strong>{count} preguntas</strong> en espera, <strong class="overdue-text">{overdue} fuera del plazo de {hours} h</strong>.',
  },
  'discussion.changeTarget': 'Cambiar el plazo',
  'discussion.noUnanswered': 'Ninguna pregunta espera respuesta. Cuando un estudiante hace una pregunta en la sala de discusión, aparece aquí hasta que tiene una respuesta aceptada o avalada.',
  'discussion.pastTarget': 'Fuera de plazo',
  'discussion.routed': 'Derivada',
  'discussion.askedBy': 'Preguntada por',
  'discussion.waiting': 'esperando desde hace <strong>{waited}</strong>',
  'discussion.since': 'desde el',
  'discussion.repliesNoneSettled': { one: '{count} respuesta, ninguna aceptada ni avalada', other: '{count} respuestas, ninguna aceptada ni avalada' },
  'discussion.askedToHelp': 'Se pidió ayuda a:',
  'discussion.routeToPeople': 'Derivar a quien sepa',
  'discussion.showingLongestWaiting': { one: 'Se muestra la pregunta que más lleva esperando.', other: 'Se muestran las {count} preguntas que más llevan esperando.' },

  // Routing one question
  'discussion.backToUnanswered': '← Preguntas sin respuesta',
  'discussion.routeHeading': 'Derivar una pregunta',
  'discussion.alreadyAskedHeading': 'Ya se pidió ayuda a',
  'discussion.likelyToKnow': 'Quién probablemente sabe',
  'discussion.rankedAnywhere': 'Estudiantes actuales, ordenados por las respuestas que el personal docente avaló en cualquier parte de este curso (esta pregunta no tiene etiquetas).',
  'discussion.rankedByTags': 'Estudiantes actuales, ordenados por las respuestas que el personal docente avaló con las etiquetas de esta pregunta.',
  'discussion.routingPrivacy': 'Las respuestas publicadas de forma anónima para todos nunca cuentan, así nadie queda vinculado a ellas. Las personas que elijas reciben una notificación; a nadie se le pide dos veces ayuda con la misma pregunta.',
  'discussion.ask': 'Pedir ayuda a',
  'discussion.endorsedAnswers': { one: '{count} respuesta avalada', other: '{count} respuestas avaladas' },
  'discussion.alreadyAsked': 'ya se le pidió',
  'discussion.askThem': 'Pedirles ayuda',
  'discussion.noSuggestions': 'Todavía nadie tiene respuestas avaladas por el personal docente sobre estos temas. Avala las buenas respuestas en la sala de discusión: la próxima vez se sugerirá aquí a quienes las escribieron.',
  'discussion.aRemovedTag': 'una etiqueta eliminada',
  'discussion.routedNobodyNew': 'A todas las personas que elegiste ya se les había pedido ayuda: a nadie se le pidió dos veces.',
  'discussion.routedCount': { one: 'Se pidió ayuda con esta pregunta a {count} persona.', other: 'Se pidió ayuda con esta pregunta a {count} personas.' },
};
