import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

export type DetailRow = { label: string; value: ReactNode };

/** Label–value pairs as a two-column table whose row headers name each value. */
export function DetailsTable({ rows, compact = false }: { rows: DetailRow[]; compact?: boolean }) {
  return (
    <Table className={compact ? 'details-table compact' : 'details-table'} verticalSpacing="xs" withRowBorders>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.label}>
            <Table.Th scope="row">{row.label}</Table.Th>
            <Table.Td>{row.value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
