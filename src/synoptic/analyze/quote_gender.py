"""The grammatical gender a reader gives a named person before any pronoun has pointed at them.

Why: "he"/"she" after a quote goes to the latest compatible person, and without a gender every person is
compatible, so "she said" after "Corwin questioned Pell" went to Pell. A reader knows that Margaret
is "she" and Thomas is "he"; the lists below are common English given names (frequent in US and UK birth
registers, names given to both sexes left out), and role nouns that carry a gender ("spokeswoman",
"husband"). They are general language knowledge, not knowledge of any story; a name not listed stays
unknown and is learned from the article's own pronouns (`coref.PersonTracker`).
"""

from __future__ import annotations

from collections.abc import Iterable


def _words(text: str) -> frozenset[str]:
    return frozenset(text.lower().split())


FEMALE_NAMES = _words(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra
    ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura
    cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine
    debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly
    lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara
    frances kathryn janice abigail alice judy sophia grace denise amber doris marilyn danielle
    beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori alison allison
    susanne suzanne hillary hilary nikki condoleezza michele sonia elena nina irina olga natalia tatiana
    svetlana anne annie claire clare louise sophie lucy ellen eleanor caroline jane janet joanne jo
    kate katie kathy katharine valerie vanessa wendy yvonne zoe rose rosa rosemary sally sue susie tina
    tracy tracey vicki vicky veronica sylvia stella penny paula pauline patsy peggy nora norma naomi
    monica molly miriam melanie meghan marsha marion marian maggie lydia lynn lynne leslie kristen kristin
    krista kirsten joy josephine jill jenny jenna jan irene ingrid iris hazel gwen georgia gail fiona
    felicity esther erin erica erika elaine eileen edith dolores dana daisy colleen connie claudia cindy
    christy cathy carla carmen carrie brianna bridget bonnie becky beth bethany audrey april anita angie
    alexandra agnes adriana ada tara tamara tanya sheila shannon serena rita renee regina priscilla
    nadia nadine muriel mildred maureen marjorie mabel lorraine loretta lois lillian kay juliet julia
    joanna jeanne jeanette ivy heidi harriet greta florence faye eva elsa elisabeth delia deirdre cora
    clara cecilia camilla beatrice ava amelia alicia adele kamala betsy ursula angelina
    """
)
MALE_NAMES = _words(
    """
    james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony
    mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey
    ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory
    alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary
    peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin carl arthur
    lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah
    randy roy vincent ralph eugene russell bobby mason philip louis barack bernie bernard mitt ted jeb
    marco rand mike bill jim tom bob dave steve tony chris nick matt dan ben sam greg fred frederick
    vladimir dmitry dmitri sergei sergey ivan alexei alexey andrei andrey yuri boris igor nikolai viktor
    mohammed muhammad ahmed ali hassan omar abdul ibrahim mustafa xi emmanuel francois jacques pierre
    jean-claude hans klaus karl jurgen wolfgang angelo giuseppe luigi carlos luis miguel pedro manuel
    antonio francisco jorge hugo oscar martin lewis owen harry oliver charlie alfie leo archie freddie
    liam connor callum rory hamish neil nigel simon graham ian colin derek duncan gordon malcolm stuart
    trevor clive geoffrey jeffery rupert giles julian adrian howard leonard stanley herbert norman
    clarence earl glenn glen craig curtis todd troy wade barry dale darren dean dwight
    elliot elliott floyd franklin gene gilbert gordon grant hank harvey jared jay jeff jimmy joel
    johnny jon josh kurt lance leon lloyd marcus marvin maurice max mitchell nathaniel phil
    reggie rex rick ricky rob rodney ron ross sid spencer terrence theodore tim travis victor vince
    wesley wilbur zach chuck newt reince rudy rudolph dick hal herman jake jerome
    """
)

FEMALE_NOUNS = _words(
    """
    woman women girl lady mother mom mum daughter wife sister aunt niece grandmother grandma widow bride
    girlfriend spokeswoman chairwoman congresswoman businesswoman councilwoman actress waitress hostess
    heiress queen princess duchess countess empress baroness madam ms ms. mrs mrs. miss
    """
)
MALE_NOUNS = _words(
    """
    man men boy gentleman father dad son husband brother uncle nephew grandfather grandpa widower groom
    boyfriend spokesman chairman congressman businessman councilman waiter king prince
    duke emperor baron sir lord mr mr.
    """
)


def gender_of_words(words: Iterable[str]) -> str | None:
    """'f' or 'm' from gendered role nouns or titles among `words`, None when they say nothing."""
    low = {w.lower() for w in words}
    female, male = bool(low & FEMALE_NOUNS), bool(low & MALE_NOUNS)
    if female != male:
        return "f" if female else "m"
    return None


def gender_of_name(name: str) -> str | None:
    """'f' or 'm' from a person's given name (the first word of a full name), None when unknown."""
    words = name.lower().replace(".", " ").split()
    if len(words) < 2:
        return None  # a single word is as often a surname ("Dean", "Graham") as a given name
    first = words[0]
    if first in FEMALE_NAMES and first not in MALE_NAMES:
        return "f"
    if first in MALE_NAMES and first not in FEMALE_NAMES:
        return "m"
    return None
