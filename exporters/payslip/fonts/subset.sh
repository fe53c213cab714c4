#!/bin/sh
# Regenerates the payslip's subset of DejaVu Sans (Debian: apt-get install fonttools).
#
# gofpdf parses the whole TrueType file and builds its subset for every PDF it
# writes; with the full DejaVu Sans (6,000 glyphs, 1.4 MB for two styles) that
# is 80 % of the time of a one-page payslip. This subset keeps the letters of
# names and addresses in a Dutch temp agency (Basic Latin, Latin-1, Latin
# Extended-A and -B: Polish, Lithuanian, Latvian, Romanian, Turkish, Czech,
# Hungarian, Portuguese…), punctuation and the € sign: 50 KB a style. Texts are
# NFC-normalised first, so decomposed accents need no combining marks. A
# payslip that holds a character outside the subset (Cyrillic, Greek,
# Vietnamese…) is rendered with the full fonts from verloner/assets instead
# (see fonts.go).
#
# Licence: the DejaVu fonts licence (assets/fonts/LICENSE-DejaVu.txt) allows
# modified copies under a name without "Bitstream" or "Vera"; the copyright
# notices stay in the name table.
set -eu
cd "$(dirname "$0")"
src=../../../assets/fonts
unicodes="U+0020-007E,U+00A0-024F,U+0259,U+02C6-02DD,U+2010-2027,U+2030-203A,U+20AC,U+2122,U+2212,U+2264,U+2265,U+FFFD"
for f in DejaVuSans DejaVuSans-Bold; do
	pyftsubset "$src/$f.ttf" --unicodes="$unicodes" --layout-features='' --no-hinting \
		--notdef-outline --name-IDs='*' --name-languages='*' --output-file="$f-payslip.ttf"
done
