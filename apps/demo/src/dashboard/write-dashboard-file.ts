import { writeFileAtomically } from '../export/atomic-file.ts';
import type { ReportFigures } from '../store/report-figures.ts';
import { dashboardFile } from './dashboard-data.ts';
import { renderDashboardPage } from './render-dashboard-page.ts';

/**
 * Writes the dashboard of figures computed with a breakdown as one self-contained HTML file,
 * atomically: a failure leaves no half-written page, nor touches one already there.
 */
export async function writeDashboardFile(
  path: string,
  figures: ReportFigures,
  options: { generatedAt: Date; location: string },
): Promise<void> {
  const { view, data } = dashboardFile(figures, options);
  const page = renderDashboardPage(view, data);
  await writeFileAtomically(path, async (stream) => {
    await new Promise<void>((resolve, reject) => {
      stream.end(page, () => resolve());
      stream.once('error', reject);
    });
  });
}
