import type { ltiServices as english } from '../en/lti-services';
import type { TranslationOf } from '../types';

export const ltiServices: TranslationOf<typeof english> = {
  'ltiServices.service.tokenEndpoint': 'el servicio de tokens del LMS',
  'ltiServices.service.gradeService': 'el servicio de calificaciones del LMS',
  'ltiServices.service.gradeColumn': 'la columna de calificación del LMS',
  'ltiServices.service.rosterService': 'el servicio de participantes del LMS',
  'ltiServices.service.registrationEndpoint': 'el servicio de registro del LMS',
  'ltiServices.service.openidConfiguration': 'la configuración OpenID del LMS',
  'ltiServices.serviceAtStart.tokenEndpoint': 'El servicio de tokens del LMS',
  'ltiServices.serviceAtStart.gradeService': 'El servicio de calificaciones del LMS',
  'ltiServices.serviceAtStart.gradeColumn': 'La columna de calificación del LMS',
  'ltiServices.serviceAtStart.rosterService': 'El servicio de participantes del LMS',
  'ltiServices.serviceAtStart.registrationEndpoint': 'El servicio de registro del LMS',
  'ltiServices.serviceAtStart.openidConfiguration': 'La configuración OpenID del LMS',

  // Any service
  'ltiServices.tooLarge': '{Service} en {url} envió más datos de los que Agora acepta en una sola respuesta.',
  'ltiServices.notJson': '{Service} en {url} respondió con algo que no es JSON.',
  'ltiServices.unreachableTimeout': 'Agora no pudo conectar con {service} en {url} (sin respuesta en 15 segundos).',
  'ltiServices.unreachable': 'Agora no pudo conectar con {service} en {url} (falló la conexión).',
  'ltiServices.credentialsRefused': '{Service} en {url} no respondió como se esperaba (rechazó las credenciales de Agora; comprueba que la herramienta tenga permiso para este servicio en el LMS).',
  'ltiServices.unexpectedStatus': '{Service} en {url} no respondió como se esperaba (respondió {status}).',

  // Access tokens
  'ltiServices.platformUnregistered': '{issuer} (client id {clientId}) ya no está registrado en Agora.',
  'ltiServices.noAccessToken': 'El servicio de tokens del LMS ({url}) respondió sin un token de acceso utilizable.',

  // Grade columns and scores
  'ltiServices.noLineItemList': 'El servicio de calificaciones del LMS en {url} respondió sin una lista de columnas de calificación.',
  'ltiServices.gradeNextPageElsewhere': 'El servicio de calificaciones del LMS enlaza su página siguiente con otro sitio ({origin}); Agora no envía allí su token de acceso.',
  'ltiServices.lineItemWithoutId': 'El servicio de calificaciones del LMS en {url} creó una columna de calificación, pero no indicó dónde está (sin id).',
  'ltiServices.partlySent': {
    one: '{problem} Antes de eso se envió {count} de {total} puntuaciones modificadas; el resto se enviará en el próximo intento.',
    other: '{problem} Antes de eso se enviaron {count} de {total} puntuaciones modificadas; el resto se enviará en el próximo intento.',
  },
  'ltiServices.scoresRefused': {
    one: 'El LMS rechazó las puntuaciones de {names}: {problem} Se envió {count} otra puntuación modificada.',
    other: 'El LMS rechazó las puntuaciones de {names}: {problem} Se enviaron otras {count} puntuaciones modificadas.',
  },
  'ltiServices.lineItemGone': 'La columna de calificación a la que Agora enviaba las puntuaciones ya no existe en el LMS; en el próximo intento Agora busca o crea una y vuelve a enviar todas las puntuaciones.',
  'ltiServices.cannotCreateLineItem': 'Tu LMS permite a Agora consultar las columnas de calificación, pero no crear una, y el curso aún no tiene una columna de participación de Agora. Añade Agora al curso como actividad calificable, o pide a un administrador del LMS que permita a la herramienta gestionar columnas de calificación (line items).',
  'ltiServices.gradePushInternalError': 'Agora no pudo enviar las puntuaciones por un error propio; lo volverá a intentar.',

  // Roster
  'ltiServices.rosterTooManyPages': 'La lista de participantes del LMS tiene más de {max} páginas; Agora dejó de leerla.',
  'ltiServices.noMemberList': 'El servicio de participantes del LMS en {url} respondió sin una lista de miembros.',
  'ltiServices.unreadableMember': 'La lista de participantes del LMS incluye un miembro que Agora no puede leer (la entrada {entry} no tiene user_id ni roles).',
  'ltiServices.rosterNextPageElsewhere': 'La lista de participantes del LMS enlaza su página siguiente con otro sitio ({origin}); Agora no envía allí su token de acceso.',
  'ltiServices.scoreComment': 'Participación en Agora: {total} puntos en {weeks}, como máximo {cap} por semana. Abre Agora y elige «{page}» para ver los detalles.',
  'ltiServices.weeks': { one: '{count} semana', other: '{count} semanas' },
  'ltiServices.emptyRoster': 'El LMS devolvió una lista de participantes vacía, así que Agora conservó los miembros que conoce.',
  'ltiServices.rosterInternalError': 'Agora no pudo actualizar la lista de participantes por un error propio; lo volverá a intentar más tarde.',
};
