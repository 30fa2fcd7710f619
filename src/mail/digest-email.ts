import { formatDateTime } from '../i18n/format';
import { translator } from '../i18n/translate';
import type { DigestItemView, DigestView } from '../presenters/digest';
import type { Templates } from '../rendering/templates';
import type { MailMessage } from './mailer';

/**
 * A digest as an email: a plain-text part (written here) and a simple HTML part (the Handlebars
 * partial digest-email, which escapes everything it is given), both in the recipient's language,
 * plus the headers that let mail clients offer one-click unsubscribe (RFC 8058): a POST to the
 * signed link, with no sign-in.
 */
export const DIGEST_TEMPLATE = 'digest-email';

export async function composeDigestEmail(view: DigestView, templates: Pick<Templates, 'renderPartial'>): Promise<MailMessage> {
  const t = translator(view.locale);
  const line = (item: DigestItemView) => t(item.messageKey, { who: item.who || t('digest.someone'), title: item.title, when: item.when ? formatDateTime(view.locale, item.when) : '' });
  const text = [
    t('digest.email.greeting', { name: view.name }),
    '',
    t(`digest.email.intro.${view.frequency}`),
    ...view.sections.flatMap((section) => ['', section.courseTitle, '='.repeat(Math.min(section.courseTitle.length, 60)), ...section.items.flatMap((item) => [`- ${line(item)}`, `  ${item.url}`])]),
    ...(view.moreCount > 0 ? ['', t('digest.email.more', { count: view.moreCount })] : []),
    '',
    '-- ',
    t(whyKey(view)),
    `${t('digest.email.change')}: ${view.preferencesUrl}`,
    `${t('digest.email.unsubscribe')}: ${view.unsubscribeUrl}`,
    '',
  ].join('\n');
  const html = await templates.renderPartial(DIGEST_TEMPLATE, {
    ...view,
    lines: view.sections.map((section) => ({ ...section, items: section.items.map((item) => ({ text: line(item), url: item.url })) })),
    introKey: `digest.email.intro.${view.frequency}`,
    whyKey: whyKey(view),
  });
  return {
    to: view.to,
    subject: t(`digest.email.subject.${view.frequency}`, { count: view.itemCount }),
    text,
    html,
    headers: {
      'List-Unsubscribe': `<${view.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      // Tells auto-responders (out-of-office replies) not to answer.
      'Auto-Submitted': 'auto-generated',
    },
  };
}

function whyKey(view: DigestView): string {
  return view.frequency === 'weekly' && !view.chosen ? 'digest.email.why.weeklyDefault' : `digest.email.why.${view.frequency}`;
}
