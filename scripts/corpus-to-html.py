"""corpus-to-html.py SRC DST: writes a corpus's Markdown and text papers as
HTML, keeping what a word processor would set as structure (headings, bold
item titles, lists, tables), and copies its HTML pages; scripts/pdf-parity.sh
then prints every page to PDF with LibreOffice. Markdown: '#' headings,
**bold** paragraphs, '-' items, '|' tables. Text: lines in capitals are
headings, runs of three or more spaces or '|' make table cells."""
import sys,os,re,html,shutil
src,dst=sys.argv[1:3]
def inline(s):
    s=html.escape(s)
    s=re.sub(r'\*\*(.+?)\*\*',r'<b>\1</b>',s); s=re.sub(r'__(.+?)__',r'<b>\1</b>',s)
    return s
def caps_heading(l):
    w=l.split()
    letters=[c for c in l if c.isalpha()]
    return 0<len(w)<=12 and letters and all(c.isupper() for c in letters) and len(letters)>=3
def conv(lines, md):
    out=[]; para=[]; table=[]; lst=[]
    def flush():
        nonlocal para,table,lst
        if para: out.append('<p>'+inline(' '.join(para))+'</p>'); para=[]
        if table:
            out.append('<table border="1">'+''.join('<tr>'+''.join('<td>'+inline(c)+'</td>' for c in r)+'</tr>' for r in table)+'</table>'); table=[]
        if lst: out.append('<ul>'+''.join('<li>'+inline(x)+'</li>' for x in lst)+'</ul>'); lst=[]
    for raw in lines:
        l=raw.rstrip('\n'); s=l.strip()
        if not s or re.fullmatch(r'[-_=*~ ]{3,}',s): flush(); continue
        m=re.match(r'^(#{1,6})\s+(.*)',s) if md else None
        if m: flush(); n=len(m.group(1)); out.append(f'<h{n}>'+inline(m.group(2).strip('# '))+f'</h{n}>'); continue
        if s.startswith('|') or s.count(' | ')>=1:
            if para or lst: 
                p,t=para,table; 
            cells=[c.strip() for c in s.strip('|').split('|')]
            if all(re.fullmatch(r':?-{2,}:?',c) or c=='' for c in cells): continue
            if para or lst: 
                tmp=table; table=[]; flush(); table=tmp
            table.append(cells); continue
        if re.search(r'\S {3,}\S',s) and not md:
            if para or lst:
                tmp=table; table=[]; flush(); table=tmp
            table.append(re.split(r' {3,}',s)); continue
        if table: 
            tmp=[];flush()
        m=re.match(r'^([-*•])\s+(.*)',s)
        if m:
            if para: tmp=lst; lst=[]; flush(); lst=tmp
            lst.append(m.group(2)); continue
        if not md and caps_heading(s):
            flush(); out.append('<h3>'+inline(s)+'</h3>'); continue
        if md and re.fullmatch(r'\*\*[^*]+\*\*',s) and not s.endswith(':**'):
            flush(); out.append('<p><b>'+inline(s.strip('*'))+'</b></p>'); continue
        if lst: flush()
        para.append(s)
    flush()
    return '<html><head><meta charset="utf-8"></head><body>'+'\n'.join(out)+'</body></html>'
for org in sorted(os.listdir(src)):
    sd=os.path.join(src,org)
    if not os.path.isdir(sd): continue
    dd=os.path.join(dst,org); os.makedirs(dd,exist_ok=True)
    for f in sorted(os.listdir(sd)):
        p=os.path.join(sd,f); base,ext=os.path.splitext(f)
        if ext in ('.md','.txt'):
            open(os.path.join(dd,base+'.html'),'w').write(conv(open(p,encoding='utf-8').readlines(), ext=='.md'))
        elif ext in ('.html','.htm'):
            shutil.copy(p,os.path.join(dd,base+'.html'))
