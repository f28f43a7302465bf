import { Card, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

type Props = { to: string; title: string; text: string; headingOrder?: 2 | 3 };

/** A card that is one link: the title is the link's name, the whole card is its target. */
export function CardLink({ to, title, text, headingOrder = 2 }: Props) {
  return (
    <Card withBorder padding="lg" className="card-link" h="100%">
      <Title order={headingOrder} size="h3" mb="xs">
        <Link to={to}>{title}</Link>
      </Title>
      <Text>{text}</Text>
    </Card>
  );
}
