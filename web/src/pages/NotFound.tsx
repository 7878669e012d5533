import { Button, Stack, Text } from "@mantine/core";
import { Link } from "wouter";

export function NotFound() {
  return (
    <Stack align="flex-start">
      <Text fz="xl" fw={700}>
        Không có trang này
      </Text>
      <Button component={Link} href="/">
        Về trang tổng quan
      </Button>
    </Stack>
  );
}
