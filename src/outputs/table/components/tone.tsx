import React, { createContext, useContext } from 'react';
import { Text } from 'ink';
import type { Tone } from '../columns.js';

/** Whether colour is allowed: false when NO_COLOR is set to anything but the empty string. */
export function colorAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}

export const ColorContext = createContext(true);

/** Text in a tone; with colour off it is plain text with no SGR codes at all. */
export function Toned(props: { tone: Tone | null; children: React.ReactNode; bold?: boolean }): React.JSX.Element {
  const color = useContext(ColorContext);
  if (!color) return <Text>{props.children}</Text>;
  return (
    <Text color={props.tone ?? undefined} bold={props.bold}>
      {props.children}
    </Text>
  );
}
