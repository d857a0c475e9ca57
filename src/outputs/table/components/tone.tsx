import React, { createContext, useContext } from 'react';
import { Text } from 'ink';
import type { Tone } from '../columns.js';

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
