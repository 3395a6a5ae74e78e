// The reader's state shown on the article's own markup: the article is prerendered and never hydrated
// (components/article/Article.svelte), so the step being read and the passages naming the selected place are
// marked here, on its elements, and its place links are followed through one delegated listener.

/** The article's elements, driven by the reader's state. */
export interface ArticleDom {
  /** Marks the step being read (`aria-current="step"`, `.is-active`) and no other. */
  showActive(stepId: string): void;
  /** Marks the passages naming the selection (`data-highlight`) and no others. */
  showHighlighted(passageIds: ReadonlySet<string>): void;
  /** Stops listening. */
  destroy(): void;
}

/**
 * Wires the article under `article`: a click on a place link (`[data-place-link]`) calls `onplacelink` instead of
 * following the link.
 */
export function wireArticle(article: HTMLElement, onplacelink: (placeId: string) => void): ArticleDom {
  const onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target : null;
    const link = target?.closest<HTMLElement>('[data-place-link]');
    const placeId = link?.dataset.placeLink;
    if (!link || !placeId || !article.contains(link) || event.defaultPrevented) return;
    event.preventDefault();
    onplacelink(placeId);
  };
  article.addEventListener('click', onClick);
  const steps = [...article.querySelectorAll<HTMLElement>('[data-step]')];
  const passages = [...article.querySelectorAll<HTMLElement>('[data-passage]')];
  return {
    showActive(stepId) {
      for (const step of steps) {
        const active = step.dataset.step === stepId;
        step.classList.toggle('is-active', active);
        if (active) step.setAttribute('aria-current', 'step');
        else step.removeAttribute('aria-current');
      }
    },
    showHighlighted(passageIds) {
      for (const passage of passages) {
        if (passageIds.has(passage.dataset.passage ?? '')) passage.setAttribute('data-highlight', '');
        else passage.removeAttribute('data-highlight');
      }
    },
    destroy() {
      article.removeEventListener('click', onClick);
    },
  };
}
