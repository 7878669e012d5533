import "@mantine/core/styles.css";
import "./app.css";
import { createRoot } from "react-dom/client";
import { MantineProvider, createTheme } from "@mantine/core";
import { App } from "./App";

const theme = createTheme({
  primaryColor: "red",
  primaryShade: 8,
  fontFamily:
    '"Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif',
  headings: { fontFamily: '"Noto Sans", "Segoe UI", Roboto, Arial, "DejaVu Sans", sans-serif' },
  defaultRadius: "sm",
});

createRoot(document.getElementById("root")!).render(
  <MantineProvider theme={theme} defaultColorScheme="light">
    <App />
  </MantineProvider>,
);
