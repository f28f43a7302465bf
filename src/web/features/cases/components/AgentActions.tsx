import { Button, Group, Menu, NativeSelect, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PRIORITIES, useAgents, useCaseAction, type CaseDetail } from '../api/cases.ts';
import { priorityLabel } from '../labels.ts';

export type AgentDialog = 'requestInfo' | 'proposeSolution' | 'agentClose' | 'cancel';

type Props = { kase: CaseDetail; viewerId: number; onDialog: (dialog: AgentDialog) => void; onStarted: () => void };

/**
 * The agent's tools, each shown only when the server lists it as allowed now: Start work, Assign
 * to, Request info, Propose solution, Close case, Cancel case, Priority.
 */
export function AgentActions({ kase, viewerId, onDialog, onStarted }: Props) {
  const { t } = useTranslation();
  const action = useCaseAction(kase.number);
  const allowed = (name: string) => kase.allowed.includes(name);
  const agents = useAgents(allowed('assign'));
  const pending = action.isPending ? action.variables?.path : undefined;
  if (!['start_work', 'assign', 'request_info', 'propose_solution', 'agent_close', 'cancel', 'change_priority'].some(allowed)) return null;

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end">
        {allowed('start_work') && (
          <Button onClick={() => action.mutate({ path: 'start' }, { onSuccess: onStarted })} loading={pending === 'start'}>
            {t('cases.agent.startWork')}
          </Button>
        )}
        {allowed('assign') && (
          <Menu position="bottom-start" withinPortal={false}>
            <Menu.Target>
              <Button variant="default" loading={pending === 'assign'}>
                {t('cases.agent.assignTo')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item disabled={kase.assignee?.id === viewerId} onClick={() => action.mutate({ path: 'assign', body: { assigneeId: viewerId } })}>
                {t('cases.agent.assignToMe')}
              </Menu.Item>
              <Menu.Item disabled={kase.assignee === null} onClick={() => action.mutate({ path: 'assign', body: { assigneeId: null } })}>
                {t('cases.agent.unassign')}
              </Menu.Item>
              {(agents.data?.items ?? [])
                .filter((agent) => agent.id !== viewerId)
                .map((agent) => (
                  <Menu.Item key={agent.id} disabled={kase.assignee?.id === agent.id} onClick={() => action.mutate({ path: 'assign', body: { assigneeId: agent.id } })}>
                    {t('cases.agent.assignToNamed', { name: agent.name })}
                  </Menu.Item>
                ))}
            </Menu.Dropdown>
          </Menu>
        )}
        {allowed('request_info') && (
          <Button variant="default" onClick={() => onDialog('requestInfo')}>
            {t('cases.agent.requestInfo')}
          </Button>
        )}
        {allowed('propose_solution') && (
          <Button variant="default" onClick={() => onDialog('proposeSolution')}>
            {t('cases.agent.proposeSolution')}
          </Button>
        )}
        {allowed('agent_close') && (
          <Button variant="default" onClick={() => onDialog('agentClose')}>
            {t('cases.close.button')}
          </Button>
        )}
        {allowed('cancel') && (
          <Button variant="outline" color="red.9" onClick={() => onDialog('cancel')}>
            {t('cases.agent.cancelCase')}
          </Button>
        )}
        {allowed('change_priority') && (
          <NativeSelect
            label={t('cases.agent.priority')}
            // While the change is on its way, the select shows the new priority already.
            value={String(action.isPending && action.variables.path === 'priority' ? action.variables.body.priority : kase.priority)}
            onChange={(event) => action.mutate({ path: 'priority', body: { priority: Number(event.currentTarget.value) } })}
            data={PRIORITIES.map((priority) => ({ value: String(priority), label: priorityLabel(t, priority) }))}
            style={{ minWidth: 160 }}
          />
        )}
      </Group>
      {action.isError && <ErrorAlert error={action.error} />}
    </Stack>
  );
}
