import type { layout as english } from '../en/layout';
import type { TranslationOf } from '../types';

export const layout: TranslationOf<typeof english> = {
  'layout.skipToContent': 'Saltar al contenido',
  'layout.notFoundTitle': 'No encontrado',
  'layout.errorTitle': 'Algo no va bien',
};
