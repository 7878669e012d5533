import { loadAllStyles } from "./styles";
import "./app.css";
import { createRoot } from "react-dom/client";
import { MantineProvider, createTheme } from "@mantine/core";
import { App } from "./App";
import { settleEarly } from "./api";

const theme = createTheme({
  primaryColor: "red",
  primaryShade: 8,
  fontFamily:
    '"Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif',
  headings: { fontFamily: '"Noto Sans", "Segoe UI", Roboto, Arial, "DejaVu Sans", sans-serif' },
  defaultRadius: "sm",
});

// The first render waits briefly for the answers index.html asked for early
// (who is signed in, the dashboard's figures), so that it shows them at once.
void settleEarly(400).then(() => {
  createRoot(document.getElementById("root")!).render(
    <MantineProvider theme={theme} defaultColorScheme="light">
      <App />
    </MantineProvider>,
  );
  // The other screens' styles, once the first screen is drawn.
  if ("requestIdleCallback" in window) window.requestIdleCallback(() => void loadAllStyles(), { timeout: 3000 });
  else setTimeout(() => void loadAllStyles(), 1500);
});
