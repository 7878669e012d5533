// Mantine's styles, in its CSS layer so that app.css (unlayered) wins over
// them whatever order the sheets arrive in. The first screen's components
// (sign-in, the frame, the dashboard) come with the first bundle; the whole
// sheet (a quarter of a megabyte to parse and match, which the dashboard's
// first paint waited for) comes with the first other screen opened, or once
// the first screen is idle.
import "@mantine/core/styles/baseline.layer.css";
import "@mantine/core/styles/default-css-variables.layer.css";
import "@mantine/core/styles/global.layer.css";
// Components other components are built on, as Mantine's list of CSS files
// advises, then the first screen's own.
import "@mantine/core/styles/ScrollArea.layer.css";
import "@mantine/core/styles/UnstyledButton.layer.css";
import "@mantine/core/styles/VisuallyHidden.layer.css";
import "@mantine/core/styles/Paper.layer.css";
import "@mantine/core/styles/CloseButton.layer.css";
import "@mantine/core/styles/Group.layer.css";
import "@mantine/core/styles/Loader.layer.css";
import "@mantine/core/styles/Input.layer.css";
import "@mantine/core/styles/ActionIcon.layer.css";
import "@mantine/core/styles/Alert.layer.css";
import "@mantine/core/styles/AppShell.layer.css";
import "@mantine/core/styles/Badge.layer.css";
import "@mantine/core/styles/Burger.layer.css";
import "@mantine/core/styles/Button.layer.css";
import "@mantine/core/styles/Card.layer.css";
import "@mantine/core/styles/Center.layer.css";
import "@mantine/core/styles/Grid.layer.css";
import "@mantine/core/styles/Indicator.layer.css";
import "@mantine/core/styles/NavLink.layer.css";
import "@mantine/core/styles/PasswordInput.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Skeleton.layer.css";
import "@mantine/core/styles/Stack.layer.css";
import "@mantine/core/styles/Table.layer.css";
import "@mantine/core/styles/Text.layer.css";
import "@mantine/core/styles/Title.layer.css";

let all: Promise<unknown> | undefined;

// Every Mantine component's styles (loaded once).
export function loadAllStyles(): Promise<unknown> {
  all ??= import("@mantine/core/styles.layer.css");
  return all;
}
