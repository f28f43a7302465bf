/**
 * Mantine's styles for the components only the pages beyond the login page show (issue 22): fetched
 * with a page's code (router.tsx), after the frame's (mantine-styles.ts), in the order they have in
 * Mantine's styles.css. None of them is a component others are built on (Mantine's order puts those
 * early, out of alphabetical order; they stay in the frame's), so arriving last changes no cascade.
 */
import '@mantine/core/styles/Accordion.css';
import '@mantine/core/styles/Badge.css';
import '@mantine/core/styles/Card.css';
import '@mantine/core/styles/Code.css';
import '@mantine/core/styles/Grid.css';
import '@mantine/core/styles/Image.css';
import '@mantine/core/styles/List.css';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/NumberInput.css';
import '@mantine/core/styles/Progress.css';
import '@mantine/core/styles/Radio.css';
import '@mantine/core/styles/SegmentedControl.css';
import '@mantine/core/styles/SimpleGrid.css';
import '@mantine/core/styles/Switch.css';
import '@mantine/core/styles/Table.css';
import '@mantine/core/styles/ThemeIcon.css';
import '@mantine/core/styles/Typography.css';
