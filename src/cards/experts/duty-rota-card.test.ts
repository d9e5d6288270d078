import { describe, expect, it } from 'vitest';
import { staffText } from '../../i18n/staff/index.js';
import { expectValidCard } from '../testing/expect-valid-card.js';
import { EXPERT_ROTA_SAVE } from '../verbs.js';
import { renderDutyRotaCard } from './duty-rota-card.js';

const experts = [{ id: 's-1', displayName: 'Aino Asiantuntija' }, { id: 's-2', displayName: 'Ben Expert' }];

describe('the backup rota card', () => {
  it.each(['fi', 'sv', 'en'] as const)('is valid in %s and lists the shifts with a save form', (lang) => {
    const card = renderDutyRotaCard({ lang, experts, shifts: [{ expertName: 'Ben Expert', from: '2026-11-30', to: '2026-12-06' }] });
    expectValidCard(card, lang);
    const text = JSON.stringify(card.content);
    expect(text).toContain('Ben Expert: ');
    expect(text).toContain(EXPERT_ROTA_SAVE);
    expect(text).toContain(staffText(lang, 'experts.rota.intro'));
  });

  it('shows the values and errors it came back with, and the saved line', () => {
    const card = renderDutyRotaCard({ lang: 'fi', experts, shifts: [], values: { expertId: 's-2', from: '2026-12-06', to: '2026-11-30' }, errors: ['order'] });
    expectValidCard(card, 'fi');
    const text = JSON.stringify(card.content);
    expect(text).toContain(staffText('fi', 'experts.rota.error.order'));
    expect(text).toContain('"value":"s-2"');
    const saved = JSON.stringify(renderDutyRotaCard({ lang: 'fi', experts, shifts: [], saved: { expertName: 'Ben Expert', from: '2026-11-30', to: '2026-12-06' } }).content);
    expect(saved).toContain('Tallennettu: Ben Expert');
  });
});
