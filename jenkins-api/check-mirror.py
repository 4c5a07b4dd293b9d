#!/usr/bin/env python3
"""Lists mirror declarations that the real Jenkins sources do not contain as written.

Usage: check-mirror.py REAL_SOURCE_ROOT...   (e.g. a checkout of jenkinsci/jenkins at jenkins-2.479
core/src/main/java, and of each plugin at the release the manifest declares, src/main/java)

Declarations are compared after dropping annotations, comments and layout. What it prints is to be
read, not obeyed: a mirror may leave out supertypes and give stand-in constructors or constants
(these show up too); a method or signature that differs is a bug in the mirror.
"""
import os
import re
import sys

MIRROR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'src/main/java')


def strip_comments(text):
    return re.sub(r'//[^\n]*', '', re.sub(r'/\*.*?\*/', '', text, flags=re.S))


def norm(s):
    s = re.sub(r'@\w+(\([^)]*\))?\s*', '', s)
    s = re.sub(r'\bfinal\s+(?=\w+\s+\w+\s*[,)])', '', s)
    s = re.sub(r'\s+', ' ', s).strip().replace(' {', '').rstrip(';').strip()
    s = re.sub(r'\s*,\s*', ', ', s)
    return re.sub(r'\s*\)', ')', re.sub(r'\(\s*', '(', s))


DECLARATION = re.compile(r'^(@\w+(\([^)]*\))?\s*)*(public|protected|abstract|default|static|final|synchronized|\w+(<[^>]*>)?\s+\w+\()')
INTERFACE_METHOD = re.compile(r'^(@\w+\s*)*[\w<>\[\], ?.]+\s+\w+\(.*\)\s*(throws [\w., ]+)?;$')


def declarations(text):
    out, buf = [], ''
    for line in strip_comments(text).split('\n'):
        line = line.strip()
        if not line:
            continue
        buf = buf + ' ' + line if buf else line
        if buf.endswith(('{', ';', '}')):
            if DECLARATION.match(buf) or INTERFACE_METHOD.match(buf):
                out.append(norm(buf))
            buf = ''
    return out


def main(roots):
    differences = 0
    for directory, _, files in os.walk(MIRROR):
        for name in sorted(files):
            rel = os.path.relpath(os.path.join(directory, name), MIRROR)
            real = next((os.path.join(r, rel) for r in roots if os.path.exists(os.path.join(r, rel))), None)
            if real is None:
                print('no real source:', rel)
                continue
            text = open(real, encoding='utf-8').read()
            real_declarations = declarations(text)
            whole = norm(strip_comments(text))
            for d in declarations(open(os.path.join(directory, name), encoding='utf-8').read()):
                if d.startswith(('throw ', 'return', 'this.', 'super(')):
                    continue
                key = d.split(' throws')[0]
                if not any(key in r for r in real_declarations) and key not in whole:
                    print(rel, '::', d)
                    differences += 1
    print(differences, 'declarations differ')


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
