import json,re,sys
# markup: [[TYPE|text]] = span, {{TYPE|text}} = negative
P=r'(\[\[|\{\{)([A-Z_]+)\|(.*?)(\]\]|\}\})'
posts=[l.rstrip('\n') for l in open(sys.argv[1]) if l.strip() and not l.startswith('#')]
out=open(sys.argv[2],'w')
for i,raw in enumerate(posts,1):
    text='';spans=[];negs=[];pos=0
    for m in re.finditer(P,raw):
        text+=raw[pos:m.start()]
        s=len(text); text+=m.group(3); e=len(text)
        d={"start":s,"end":e,"type":m.group(2),"value":m.group(3)}
        (spans if m.group(1)=='[[' else negs).append(d)
        pos=m.end()
    text+=raw[pos:]
    assert '[[' not in text and '{{' not in text and ']]' not in text, raw
    for d in spans+negs: assert text[d['start']:d['end']]==d['value']
    out.write(json.dumps({"id":"n3-%03d"%i,"text":text,"spans":spans,"negatives":negs,"locale":"mixed","topic":"ids"})+"\n")
print(len(posts),'posts')
