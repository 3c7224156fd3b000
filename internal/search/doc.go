// Package search builds the static search index of a digest: a manifest,
// posting shards, doc chunks and topic postings under search/ of the
// output, read by static/search.js in the reader's browser. This comment is
// the specification of the format; the script and the tests follow it.
//
// # Matching
//
// Text is matched on its folded tokens. Fold decomposes a string (NFD),
// drops every Unicode mark (category M), lower-cases every rune with its
// simple lower-case mapping and writes the Greek final sigma ς as σ, so
// "ΟΔΟΣ" and "οδος" fold alike (JavaScript's toLowerCase would write a
// final ς for a capital Σ at the end of a word). A token is a maximal run
// of letters and numbers (categories L and N) of the folded text. The
// script folds and tokenizes with exactly these rules:
//
//	s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ς/g, 'σ')
//	folded.match(/[\p{L}\p{N}]+/gu)
//
// A doc's tokens are those of its title, summary, names and text; a token
// is flagged in a doc if it occurs in the title, the summary or the names.
//
// # Varint
//
// Lists of non-negative integers are written into JSON strings with the
// alphabet
//
//	ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_
//
// To encode v: while v >= 32 { emit A[32 + v&31]; v >>= 5 }; emit A[v]. A
// character of index 32 or more means "more follows", low groups first, so
// values below 32 take one character and values below 1024 two. A list is
// the concatenation of its values.
//
// # Files
//
// All files are compact UTF-8 JSON, strings escaped as encoding/json
// escapes them (so "<" is \u003c). Names in the manifest are relative to
// the manifest's own URL; the script resolves them with new URL(name,
// manifestURL).
//
// search/index.json, the manifest, is fetched first and is not hashed:
//
//	{
//	  "v": 1,                 format version
//	  "n": 10000,             number of docs; a doc's id is its position, 0 the newest
//	  "chunk": 16,            docs per doc chunk: doc id is in chunks[id / chunk]
//	  "chunks": ["d/<hash>.json", ...],
//	  "shards": [["firstToken", "s/<hash>.json"], ...],   sorted by firstToken
//	  "topics": [["slug", "Name"], ...],
//	  "topicFile": "topics-<hash>.json",
//	  "dates": "<varint list>"
//	}
//
// dates holds the calendar date of every doc as days since 1970-01-01:
// zigzag(days[0]), then zigzag(days[i-1] - days[i]) for i = 1..n-1, where
// zigzag(x) = 2x for x >= 0 and -2x-1 for x < 0. Docs come newest first, so
// the differences are usually 0 ('A') or small and positive; a doc out of
// date order still round-trips.
//
// search/s/<hash>.json, a posting shard, is a JSON object mapping tokens to
// their postings. Tokens are sorted by bytes (Unicode code point order) and
// cut into shards of at most 24 KiB (24,576 bytes) of JSON; a token whose entry
// alone is bigger gets a shard of its own. Shard i holds the tokens t with
// shards[i][0] <= t < shards[i+1][0]; shard 0 holds the smallest token.
// The postings of a token are the ids of the docs that contain it,
// ascending, each written as (id - prev) * 2 + flag, with prev the
// previous id (-1 before the first) and flag 1 if the token is flagged in
// that doc.
//
// search/d/<hash>.json, a doc chunk, is a JSON array of up to chunk docs,
// in id order, each [title, url, "YYYY-MM-DD", summary, [topic, ...]]:
// url as the site links it, the topic list as indexes into the manifest's
// topics, main topic first. An empty summary is replaced by the start of
// the text, some 160 characters cut between words and ended with "…".
//
// search/topics-<hash>.json, the topic postings, is a JSON array with one
// varint list per topic, in the manifest's order: the ids of the topic's
// docs, ascending, each as id - prev (prev -1 before the first).
//
// <hash> is the first 10 hex digits of the SHA-256 of the file's bytes, so
// every file but the manifest may be cached forever.
//
// # Query (static/search.js)
//
// A query is the tokens of the reader's text, folded as above. Every query
// token must match (AND). A token matches an equal index token; a token of
// two or more characters also matches every index token it is a prefix of,
// loading every shard whose range meets that prefix, unless there are more
// than 4 such shards: then it matches exactly. A doc scores, for each query
// token, 3 if a posting it matched is flagged and 1 otherwise; results come
// by score, then by id (newest first). The topic filter intersects with
// the topic's postings, loaded on first use; the date filters compare the
// manifest's dates, inclusively. Only the doc chunks of the results shown,
// 20 at a time, are fetched.
package search
