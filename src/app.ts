import type { PropsWithChildren } from 'react';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // Pages do their own loading (see PageShell); nothing to do at launch.
  return children;
}

export default App;
