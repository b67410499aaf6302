"""The text toolkit of the bottom floor: what every package needs to read Swedish and English text
the same way, written once.

- `tags`: the redaction tag `[PERSONNUMMER_1]` (its pattern, finding, parsing and removing tags);
- `diacritics`: text without diacritics ("årsräkning" -> "arsrakning");
- `stopwords`: the words that carry no topic, one list per purpose and language (files in `data/`);
- `salutations`: greetings and sign-offs of every language written to the office (`data/salutations.yaml`);
- `stems`: Snowball stems, one cached stemmer per language;
- `sentences`: the one sentence splitter (documents, answers and chat messages).

Import the module you need (`from guardrails.text.tags import strip_tags`); nothing here imports
anything else of the project, so knowledge, assistant and evals can all build on it.
"""
