-- 0003_article_urls: every address an article was reached by (a feed's link, each redirect, the page's
-- canonical URL), so `rasad watch` never fetches a stored article again under another address.

CREATE TABLE article_urls (
    url TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);

CREATE INDEX article_urls_article ON article_urls (article_id);
