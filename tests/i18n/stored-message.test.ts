import { AppError } from '../../src/domain/errors';
import { sayStoredMessage, storeMessage } from '../../src/i18n/stored-message';
import { ServiceError } from '../../src/lti/services/http';

/**
 * Sentences stored now and said later in the reader's language (LMS failures kept on a course):
 * the stored form round-trips, nested messages included; text stored before (plain English) and
 * anything that is not Agora's form are shown as they are; a key gone from the catalogs falls back
 * to the English kept with it rather than a bare key.
 */
const URL_ = 'https://lms.example/ags/1/scores';
const refused = new ServiceError('ltiServices.unexpectedStatus', { Service: { key: 'ltiServices.serviceAtStart.gradeService' }, url: URL_, status: '500' }, 500);
const partly = new ServiceError('ltiServices.partlySent', { problem: refused.toMessage(), count: 0, total: 1 }, 500);

describe('stored messages', () => {
  it('keep the English sentence as the error message, for logs', () => {
    expect(partly.message).toBe(`The LMS grade service at ${URL_} did not answer as expected (it answered 500). 0 of 1 changed scores were sent before that; the rest follow at the next attempt.`);
    expect(partly.status).toBe(500);
  });

  it('say a stored failure, with the message nested in it, in each language', () => {
    const stored = storeMessage(partly.toMessage());
    expect(sayStoredMessage(stored, 'en')).toBe(partly.message);
    expect(sayStoredMessage(stored, 'es')).toBe(`El servicio de calificaciones del LMS en ${URL_} no respondió como se esperaba (respondió 500). Antes de eso se enviaron 0 de 1 puntuaciones modificadas; el resto se enviará en el próximo intento.`);
  });

  it('choose plural forms and write numbers the reader\'s way', () => {
    const stored = storeMessage({ key: 'ltiServices.scoresRefused', params: { names: 'Bo Diddley', problem: refused.toMessage(), count: 1 } });
    expect(sayStoredMessage(stored, 'en')).toBe(`The LMS refused the scores of Bo Diddley: The LMS grade service at ${URL_} did not answer as expected (it answered 500). 1 other changed score was sent.`);
    expect(sayStoredMessage(stored, 'es')).toContain('Se envió 1 otra puntuación modificada.');
    const many = storeMessage({ key: 'ltiServices.unreadableMember', params: { entry: 1234 } });
    expect(sayStoredMessage(many, 'es')).toContain('la entrada 1234 no tiene');
  });

  it('show text stored before, and text that only looks like the stored form, as it is', () => {
    const old = 'The LMS roster service at https://lms.example/nrps did not answer as expected (it answered 503).';
    expect(sayStoredMessage(old, 'es')).toBe(old);
    for (const odd of ['agora-message:', 'agora-message:{not json', 'agora-message:{"key":1,"en":"x"}', 'agora-message:{"key":"ltiServices.emptyRoster"}', 'agora-message:{"key":"a.b","params":{"x":[1]},"en":"x"}']) {
      expect(sayStoredMessage(odd, 'es')).toBe(odd);
    }
  });

  it('fall back to the English kept with it when a key is no longer in the catalogs', () => {
    const stored = storeMessage(refused.toMessage());
    const renamed = stored.replace('"ltiServices.serviceAtStart.gradeService"', '"ltiServices.serviceAtStart.renamed"');
    expect(renamed).not.toBe(stored);
    expect(sayStoredMessage(renamed, 'es')).toBe(refused.message);
  });

  it('let an LMS failure be said inside an error sentence (dynamic registration)', () => {
    const unreachable = new ServiceError('ltiServices.unreachableTimeout', { service: { key: 'ltiServices.service.registrationEndpoint' }, url: 'https://lms.example/register' });
    const error = new AppError('REGISTRATION_REFUSED', 502, 'errors.registrationRefused', { problem: unreachable.toMessage() });
    expect(error.message).toMatch(/^Agora could not reach the LMS registration endpoint at https:\/\/lms\.example\/register \(no answer within 15 seconds\)\. Nothing was registered/);
    expect(error.messageIn('es')).toMatch(/^Agora no pudo conectar con el servicio de registro del LMS en https:\/\/lms\.example\/register \(sin respuesta en 15 segundos\)\. No se registró nada/);
  });
});
