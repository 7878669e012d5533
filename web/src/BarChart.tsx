// A horizontal bar chart (Chart.js, only the parts it needs registered).
import { useEffect, useRef } from "react";
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  Tooltip,
} from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
Chart.defaults.font.family = '"Noto Sans", "Segoe UI", Roboto, Arial, "DejaVu Sans", sans-serif';

export function BarChart({
  labels,
  values,
  colors,
  label,
  onClick,
  height,
}: {
  labels: string[];
  values: number[];
  colors: string | string[];
  label: string;
  onClick?: (index: number) => void;
  height: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: { labels, datasets: [{ label, data: values, backgroundColor: colors, borderRadius: 3 }] },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { tooltip: { enabled: true } },
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0 } },
          y: { ticks: { autoSkip: false, font: { size: 12 } } },
        },
        onClick: (_e, elements) => {
          if (elements.length && onClick) onClick(elements[0].index);
        },
      },
    });
    return () => chart.destroy();
  }, [labels, values, colors, label, onClick]);
  return (
    <div style={{ position: "relative", height }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
