import { useState } from 'react';
import { Field, makeStyles, Select, Tab, TabList, Title2, tokens } from '@fluentui/react-components';
import { Admin } from './Admin.js';
import { CostShares } from './CostShares.js';
import { FunderReport } from './FunderReport.js';
import { tabText, type TabTextKey } from './i18n.js';
import { ReportFigures } from './ReportFigures.js';
import type { TabContext } from './shell.js';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'end' },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

type Section = 'figures' | 'funder' | 'costShares' | 'admin';
const SECTION_TEXT: Readonly<Record<Section, TabTextKey>> = { figures: 'tabFigures', funder: 'tabFunder', costShares: 'tabCostShares', admin: 'tabAdmin' };

/** Years the pickers offer: this one and the five before it (the service started in 2024). */
export function selectableYears(now: Date = new Date()): number[] {
  const year = now.getFullYear();
  return Array.from({ length: 6 }, (_, i) => year - i);
}

/**
 * The Reports page (issue 6): the year's figures with charts, the funder report, cost shares, and
 * for coordinators the municipal figures and the associations directory. The year picked at the
 * top applies to every section.
 */
export function Reports(context: TabContext) {
  const { lang, me } = context;
  const styles = useStyles();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [section, setSection] = useState<Section>('figures');
  const sections: Section[] = me.isCoordinator ? ['figures', 'funder', 'costShares', 'admin'] : ['figures', 'funder', 'costShares'];
  return (
    <>
      <Title2 as="h1" data-print-hide>
        {tabText(lang, 'reportsTitle')}
      </Title2>
      <div className={styles.bar} data-print-hide>
        <Field label={tabText(lang, 'year')}>
          <Select value={String(year)} onChange={(_, data) => setYear(Number(data.value))}>
            {selectableYears().map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <TabList selectedValue={section} onTabSelect={(_, data) => setSection(data.value as Section)} data-print-hide>
        {sections.map((s) => (
          <Tab key={s} value={s} id={`tab-${s}`} aria-controls={`panel-${s}`}>
            {tabText(lang, SECTION_TEXT[s])}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" id={`panel-${section}`} aria-labelledby={`tab-${section}`} className={styles.panel}>
        {section === 'figures' && <ReportFigures {...context} year={year} />}
        {section === 'funder' && <FunderReport {...context} year={year} />}
        {section === 'costShares' && <CostShares {...context} year={year} />}
        {section === 'admin' && <Admin {...context} year={year} />}
      </div>
    </>
  );
}
