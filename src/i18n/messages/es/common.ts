import type { common as english } from '../en/common';
import type { TranslationOf } from '../types';

export const common: TranslationOf<typeof english> = {
  'common.language': 'Español',
  'common.save': 'Guardar',
  'common.cancel': 'Cancelar',
  'common.back': 'Volver',
  'common.people': { one: '{count} persona', other: '{count} personas' },
};
