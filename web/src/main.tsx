import { render } from 'solid-js/web';

function App() {
  return <main><h1>Tessera</h1></main>;
}

render(() => <App />, document.getElementById('root')!);
