/**
 * Re-render a React component whenever a Lumino signal fires.
 */
import type { ISignal } from '@lumino/signaling';
import * as React from 'react';

export function useSignal<T>(signal: ISignal<T, unknown>): void {
  const [, setTick] = React.useState(0);
  React.useEffect(() => {
    const slot = () => setTick(tick => tick + 1);
    signal.connect(slot);
    return () => {
      signal.disconnect(slot);
    };
  }, [signal]);
}
