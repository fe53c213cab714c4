#!/usr/bin/env python3
"""Writes the flat-ODS sources of the LibreOffice fixtures in ../ .

Run from this folder, then convert each with LibreOffice Calc:
    python3 make_fods.py
    soffice --headless --convert-to xlsx --outdir .. *.fods
The .xlsx files are what LibreOffice saves: cached formula results, merged
cells, real date and time cells, and (for the INL04 sheet) the 1904 date system.
"""
from xml.sax.saxutils import escape

HEAD = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:date-style style:name="Ndate"><number:day number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:year number:style="long"/></number:date-style>
 <number:time-style style:name="Ntime"><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:time-style>
 <style:style style:name="cdate" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="Ndate"/>
 <style:style style:name="ctime" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="Ntime"/>
 <style:style style:name="cbold" style:family="table-cell" style:parent-style-name="Default"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
'''
TAIL = '</office:spreadsheet></office:body></office:document>\n'


def cell(v):
    """A cell from a Python value: str, int/float, ('date', 'yyyy-mm-dd'),
    ('time', h, m), ('f', formula, cached), ('merge', value, cols, rows), None,
    'covered'."""
    if v is None:
        return '<table:table-cell/>'
    if v == 'covered':
        return '<table:covered-table-cell/>'
    if isinstance(v, tuple) and v[0] == 'merge':
        inner = cell(v[1])
        return inner.replace('<table:table-cell', '<table:table-cell table:number-columns-spanned="%d" table:number-rows-spanned="%d"' % (v[2], v[3]), 1)
    if isinstance(v, tuple) and v[0] == 'date':
        return '<table:table-cell table:style-name="cdate" office:value-type="date" office:date-value="%s"><text:p>%s</text:p></table:table-cell>' % (v[1], v[1])
    if isinstance(v, tuple) and v[0] == 'time':
        return '<table:table-cell table:style-name="ctime" office:value-type="time" office:time-value="PT%02dH%02dM00S"><text:p>%02d:%02d</text:p></table:table-cell>' % (v[1], v[2], v[1], v[2])
    if isinstance(v, tuple) and v[0] == 'f':
        return '<table:table-cell table:formula="of:=%s" office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (escape(v[1]), v[2], v[2])
    if isinstance(v, tuple) and v[0] == 'bold':
        return '<table:table-cell table:style-name="cbold" office:value-type="string"><text:p>%s</text:p></table:table-cell>' % escape(v[1])
    if isinstance(v, (int, float)):
        return '<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (v, v)
    return '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % escape(v)


def table(name, rows):
    out = ['<table:table table:name="%s">' % escape(name)]
    for r in rows:
        out.append('<table:table-row>' + ''.join(cell(v) for v in r) + '</table:table-row>')
    out.append('</table:table>')
    return '\n'.join(out)


def write(name, tables, date1904=False):
    with open(name, 'w', encoding='utf-8') as f:
        f.write(HEAD)
        if date1904:
            f.write('<table:calculation-settings><table:null-date table:date-value="1904-01-01"/></table:calculation-settings>\n')
        for t in tables:
            f.write(table(*t) + '\n')
        f.write(TAIL)


# INL01 Brabant Logistiek: week grid with their own personnel numbers, the
# name merged over the worker's hour-type rows, SUM totals per row and a
# totals row, week number in a header cell.
days = ['Ma', 'Di', 'Wo', 'Do', 'Vr', 'Za', 'Zo']
week = [
    [('merge', ('bold', 'Urenverantwoording Brabant Logistiek B.V. — DC Noord'), 6, 1)] + ['covered'] * 5,
    ['Week', 48, 'Jaar', 2026],
    [],
    [('bold', h) for h in ['Naam', 'Pers.nr', 'Uursoort'] + days + ['Totaal']],
    [('merge', 'Jan de Vries', 1, 2), ('merge', 'BL-4411', 1, 2), 'Normale uren', 8, 8, 8, 8, 8, None, None, ('f', 'SUM([.D5:.J5])', 40)],
    ['covered', 'covered', 'ORT 30%', 2, 2, None, None, 1.5, None, None, ('f', 'SUM([.D6:.J6])', 5.5)],
    [('merge', 'Sanne Bakker', 1, 2), ('merge', 'BL-4412', 1, 2), 'Normale uren', 7.5, 7.5, 7.5, 7.5, 7.5, None, None, ('f', 'SUM([.D7:.J7])', 37.5)],
    ['covered', 'covered', 'Overuren 150%', None, None, None, None, None, 4, None, ('f', 'SUM([.D8:.J8])', 4)],
    [],
    ['Totaal', None, None] + [('f', 'SUM([.%s5:.%s8])' % (c, c), v) for c, v in zip('DEFGHIJ', [17.5, 17.5, 15.5, 15.5, 17, 4, 0])] + [('f', 'SUM([.K5:.K8])', 87)],
    [],
    ['Akkoord inlener:', None, 'M. Verhoeven'],
]
write('inl01-week48-grid.fods', [('Week 48', week)])

# INL02 Maasvlakte Foodprocessing: shifts with start, end and break as time
# cells, real date cells, a night shift over midnight, and an "Uren" column
# that is a formula over the times (its cached result is what counts).
def hours(s, e, p):
    d = (e - s) % 24
    return round(d - p / 60, 2)

shifts = [
    ('2026-11-23', 1005, 'Mohamed el Amrani', (6, 0), (14, 30), 30),
    ('2026-11-24', 1005, 'Mohamed el Amrani', (6, 0), (14, 30), 30),
    ('2026-11-25', 1009, 'Ewa Zielińska', (22, 0), (6, 0), 45),
    ('2026-11-26', 1009, 'Ewa Zielińska', (22, 0), (6, 0), 45),
    ('2026-11-27', 1011, 'Fatma Yılmaz', (14, 0), (22, 30), 30),
]
rows = [[('bold', h) for h in ['Datum', 'Personeelsnummer', 'Naam', 'Begintijd', 'Eindtijd', 'Pauze (min)', 'Uren']]]
for i, (d, nr, name, s, e, p) in enumerate(shifts, start=2):
    rows.append([('date', d), nr, name, ('time',) + s, ('time',) + e, p,
                 ('f', 'ROUND(MOD([.E%d]-[.D%d];1)*24-[.F%d]/60;2)' % (i, i, i), hours(s[0] + s[1] / 60, e[0] + e[1] / 60, p))])
write('inl02-diensten.fods', [('Diensten', rows)])

# INL04 Venlo Greenport: wide layout, one row per worker and day, a column per
# hour type, the workbook in the 1904 date system (old Mac Excel), a merged
# title, a blank row in the middle and a formula column.
wide = [
    [('merge', ('bold', 'Kwekerij Venlo — uren november'), 5, 1)] + ['covered'] * 4,
    [],
    [('bold', h) for h in ['Medewerker', 'BSN', 'Datum', 'Normaal', '125 %', '200 %', 'km', 'Totaal uren']],
    ['Agnieszka Wiśniewska', '213703701', ('date', '2026-11-23'), 8, 1, None, None, ('f', '[.D4]+[.E4]+[.F4]', 9)],
    ['Agnieszka Wiśniewska', '213703701', ('date', '2026-11-24'), 8, None, None, None, ('f', '[.D5]+[.E5]+[.F5]', 8)],
    [],
    ['Tomasz Nowak', '218641977', ('date', '2026-11-28'), None, None, 6, 42, ('f', '[.D7]+[.E7]+[.F7]', 6)],
]
write('inl04-breed-1904.fods', [('Uren', wide)], date1904=True)

# A placement list in two sheets, as an agency's planner keeps it.
write('plaatsingen.fods', [
    ('Uitzendkrachten', [
        [('bold', h) for h in ['Personeelsnummer', 'Voornaam', 'Tussenvoegsel', 'Achternaam', 'Geboortedatum', 'Burgerservicenummer', 'IBAN']],
        ['1026', 'Eva', 'van', 'Dijk', ('date', '1999-04-03'), '111222333', 'NL91ABNA0417164300'],
        ['1001', 'Jan', 'de', 'Vries', ('date', '1988-04-12'), '210000004', None],
    ]),
    ('Plaatsingen', [
        [('bold', h) for h in ['Plaatsingsnummer', 'Personeelsnummer', 'Inlener', 'Functie', 'Startdatum', 'Uurloon', 'Factor', 'Tarief']],
        ['PL0526', '1026', 'INL04', 'Oogstmedewerker', ('date', '2026-11-23'), 14.99, 1.68, ('f', 'ROUND([.F2]*[.G2];2)', 25.18)],
    ]),
])
