/**
 * The lobby display board (大堂显示屏, #/lobby): a TV in the sales office showing who receives the next
 * walk-in, the three after them, who staffs the desk at lunch (R-ROS-11) and how many customers wait.
 *
 * No header, no sign-in, no session: it reads only the public roster.board (names, never customers).
 * It asks every 500 ms while visible, so a change at the desk shows within a second, and re-renders only
 * when the answer differs from the one on screen, so the TV never flickers. A failed poll keeps the last
 * board up; only a lasting failure shows a small notice.
 *
 * Text is Chinese first with a small English line under it: both come from the dictionaries (zh-CN and
 * en), whatever language this machine's desk screens use.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { LobbyBoard } from '../api/types';
import { formatDay, type MessageKey, type Params, translate } from '../i18n';

export const LOBBY_POLL_MS = 500;
/** consecutive failed polls before the notice shows (about 3 s): one slow answer is not an outage */
const OFFLINE_AFTER = 6;

const zh = (key: MessageKey, params?: Params) => translate(key, params, 'zh-CN');
const en = (key: MessageKey, params?: Params) => translate(key, params, 'en');

/** Keeps the latest board; a new object only when the answer changed (so React re-renders only then). */
function useBoard(): { board: LobbyBoard | null; offline: boolean } {
  const [board, setBoard] = useState<LobbyBoard | null>(null);
  const [offline, setOffline] = useState(false);
  const shown = useRef('');
  const failures = useRef(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One request at a time: the next is scheduled after the answer, so a slow server is never flooded.
    const tick = async () => {
      if (document.visibilityState === 'visible') {
        // background: a TV in the same browser as a desk must not keep that desk's person signed in
        const r = await api.call('roster.board', {}, { background: true });
        if (stopped) return;
        if (r.ok) {
          failures.current = 0;
          setOffline(false);
          const key = JSON.stringify(r.value);
          if (key !== shown.current) {
            shown.current = key;
            setBoard(r.value);
          }
        } else if (++failures.current >= OFFLINE_AFTER) setOffline(true);
      }
      if (!stopped) timer = setTimeout(() => void tick(), LOBBY_POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  return { board, offline };
}

const twoDigits = (n: number) => String(n).padStart(2, '0');
const clockText = () => {
  const d = new Date();
  return `${twoDigits(d.getHours())}:${twoDigits(d.getMinutes())}`;
};

/** Its own component: the clock ticking re-renders only itself, and only when the minute changes. */
function LobbyClock() {
  const [text, setText] = useState(clockText);
  useEffect(() => {
    const timer = setInterval(() => setText(clockText()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time className="lobby-clock" data-testid="lobby-clock">
      {text}
    </time>
  );
}

function weekday(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return '';
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat('zh-CN', { weekday: 'long', timeZone: 'UTC' }).format(date);
}

/** Chinese label with its small English line. */
function Label({ k, params, className = '' }: { k: MessageKey; params?: Params; className?: string }) {
  return (
    <p className={`lobby-label ${className}`}>
      <span className="lobby-zh">{zh(k, params)}</span>
      <span className="lobby-en" lang="en">
        {en(k, params)}
      </span>
    </p>
  );
}

/**
 * The next name is as large as the panel allows: three Chinese characters at full size; longer names
 * (or Latin ones, about half as wide per letter) shrink to fit instead of wrapping.
 */
function nameScale(name: string): number {
  const units = [...name].reduce((sum, ch) => sum + (/[\u2e80-\u9fff\uf900-\ufaff]/.test(ch) ? 1 : 0.58), 0);
  return Math.max(0.35, Math.min(1, 3.1 / Math.max(units, 1)));
}

export function Lobby() {
  const { board, offline } = useBoard();

  useEffect(() => {
    const previous = document.title;
    document.title = `${zh('lobby.title')} · ${zh('app.title')}`;
    return () => {
      document.title = previous;
    };
  }, []);

  const state = !board ? 'loading' : !board.started ? 'not-started' : board.next ? 'next' : 'nobody-free';

  return (
    <main className="lobby" data-testid="lobby" data-state={state} lang="zh-CN">
      <header className="lobby-top">
        <div className="lobby-brand">
          <span className="lobby-zh">{zh('app.title')}</span>
          <span className="lobby-en" lang="en">
            {zh('lobby.brand')} · {en('lobby.brand')}
          </span>
        </div>
        <div className="lobby-when">
          {board && (
            <span className="lobby-date" data-testid="lobby-date">
              <span className="lobby-zh">
                {formatDay(board.day, 'zh-CN')} {weekday(board.day)}
              </span>
              <span className="lobby-en" lang="en">
                {formatDay(board.day, 'en')}
              </span>
            </span>
          )}
          <LobbyClock />
        </div>
      </header>

      {board && !board.started && (
        <section className="lobby-calm" data-testid="lobby-not-started">
          <p className="lobby-calm-main">{zh('lobby.notStarted')}</p>
          <p className="lobby-calm-en" lang="en">
            {en('lobby.notStarted')}
          </p>
        </section>
      )}

      {board?.started && (
        <>
          <section className="lobby-main">
            <div className="lobby-next-panel">
              <Label k="lobby.next" />
              {board.next ? (
                <p className="lobby-next-name" data-testid="lobby-next" data-consultant={board.next.id} style={{ '--scale': nameScale(board.next.name) } as React.CSSProperties}>
                  {board.next.name}
                </p>
              ) : (
                <div className="lobby-nobody" data-testid="lobby-next" data-consultant="">
                  <p className="lobby-nobody-main">{zh('lobby.nobodyFree')}</p>
                  <p className="lobby-nobody-hint">{zh('lobby.nobodyFreeHint')}</p>
                  <p className="lobby-en" lang="en">
                    {en('lobby.nobodyFree')}. {en('lobby.nobodyFreeHint')}
                  </p>
                </div>
              )}
            </div>
            <div className="lobby-following-panel">
              <Label k="lobby.following" />
              {board.following.length > 0 ? (
                <ol className="lobby-following" data-testid="lobby-following">
                  {board.following.map((p, i) => (
                    <li key={p.id} data-consultant={p.id}>
                      <span className="lobby-ord">{i + 2}</span>
                      <span className="lobby-following-name">{p.name}</span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="lobby-none" data-testid="lobby-following">
                  {zh('lobby.noFollowing')}
                </p>
              )}
            </div>
          </section>

          <footer className="lobby-bottom">
            <div className="lobby-lunch">
              <Label k="lobby.lunchDesk" />
              <span className="lobby-lunch-names" data-testid="lobby-lunch">
                {board.lunchDesk.length > 0 ? board.lunchDesk.map((p) => p.name).join(zh('common.listSep')) : '—'}
              </span>
            </div>
            {board.waiting > 0 && (
              <div className="lobby-waiting" data-testid="lobby-waiting" data-count={board.waiting}>
                <span className="lobby-zh">{zh('lobby.waiting', { count: board.waiting })}</span>
                <span className="lobby-en" lang="en">
                  {en('lobby.waiting', { count: board.waiting })}
                </span>
              </div>
            )}
          </footer>
        </>
      )}

      {offline && (
        <p className="lobby-offline" role="status" data-testid="lobby-offline">
          {zh('lobby.offline')} <span lang="en">{en('lobby.offline')}</span>
        </p>
      )}
    </main>
  );
}
