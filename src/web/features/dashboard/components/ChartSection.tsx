import { Button, Card, Group, SimpleGrid, Table, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { downloadCsv } from '../csv.ts';

export type FigureTable = { headers: string[]; rows: (string | number)[][] };

type Props = {
  title: string;
  /** Names the table for screen readers, and the CSV file. */
  caption: string;
  fileName: string;
  table: FigureTable;
  chart: ReactNode;
};

/**
 * One chart with the same numbers as a table beside it (screen readers read the table, the chart is
 * hidden from them) and a download of that table as CSV.
 */
export function ChartSection({ title, caption, fileName, table, chart }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        <Button variant="default" size="xs" onClick={() => downloadCsv(fileName, table.headers, table.rows)} aria-label={t('dashboard.downloadCsvOf', { name: title })}>
          {t('dashboard.downloadCsv')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <div aria-hidden="true">{chart}</div>
        {/* On a phone the rows become cards, so no table makes the page scroll sideways. */}
        <ResponsiveTable minWidth={320} striped withTableBorder captionSide="top">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {table.headers.map((header) => (
                <Table.Th key={header} scope="col">
                  {header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((row, index) => (
              <Table.Tr key={index}>
                {row.map((value, column) =>
                  column === 0 ? (
                    <Table.Th key={column} scope="row" fw="normal">
                      {value}
                    </Table.Th>
                  ) : (
                    <Table.Td key={column}>{value}</Table.Td>
                  ),
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ResponsiveTable>
      </SimpleGrid>
    </Card>
  );
}
