"""(Run from the repository root.) Deterministic selection of 16 held-out articles for eval/corpus_test2.json.
Rule: text 600-2200 chars, >=2 occurrences of office words, not in corpus_dev/test;
random.Random(4242).shuffle(sorted eligible names), first 8 Fars; same (fresh seed) for Saudi, first 8."""
import json, random, re, zipfile, sys
CORP = "../shared/corpora"
REPO = "."
OFFICE = ['نخست‌وزیر', 'وزیر', 'وزير', 'رئیس', 'رئيس', 'سفیر', 'سفير', 'أمير', 'امير', 'سخنگو', 'المتحدث']
OFF_RE = re.compile('|'.join(map(re.escape, OFFICE)))

def texts():
    out = {}
    with open(f'{CORP}/news-fa-farsnews/farsnews.jsonl', encoding='utf-8') as f:
        for i, line in enumerate(f):
            r = json.loads(line)
            parts = [r.get('title') or '', r.get('abstract') or ''] + list(r.get('paragraphs') or [])
            out[f'farsnews.jsonl#{i}'] = ('fa', '\n'.join(parts))
    for day in range(21, 26):
        z = zipfile.ZipFile(f'{CORP}/news-ar-saudinewsnet/2015-07-{day}.zip')
        name = z.namelist()[0]
        arr = json.loads(z.read(name))
        for i, r in enumerate(arr):
            out[f'{name}#{i}'] = ('ar', (r.get('title') or '') + '\n' + (r.get('content') or ''))
    return out

def eligible(t):
    return 600 <= len(t) <= 2200 and len(OFF_RE.findall(t)) >= 2

def select():
    used = set()
    for fn in ('corpus_dev.json', 'corpus_test.json'):
        used |= {d['file'] for d in json.load(open(f'{REPO}/eval/{fn}', encoding='utf-8'))['documents']}
    T = texts()
    # plain string sort of the file names; a fresh random.Random(4242) for each language
    fa = sorted(k for k, (l, t) in T.items() if l == 'fa' and k not in used and eligible(t))
    ar = sorted(k for k, (l, t) in T.items() if l == 'ar' and k not in used and eligible(t))
    random.Random(4242).shuffle(fa)
    random.Random(4242).shuffle(ar)
    return fa[:8] + ar[:8], T

if __name__ == '__main__':
    sel, T = select()
    for k in sel:
        print(k)
    if len(sys.argv) > 1:
        for k in sel:
            print('=' * 30, k, len(T[k][1]))
            print(T[k][1])
