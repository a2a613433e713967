/* coder_test.c -- the whole pipeline (clean, segment, recognize, code) on
 * one- and two-sentence articles published 2024-01-18 (a Thursday).
 *
 * The main table says, for each text, exactly which events must come out
 * as (actor1, actor2, CAMEO code, date) -- or none.  An actor is written
 * as its country, else its code (UNO, REB...), else "-".  Every event of
 * every row is also checked for the invariants of casus_event
 * (provenance inside the text, trigger inside its sentence, valid date,
 * actual modality, JSON export).  A row marked known_bug is skipped with
 * a printed note and its observed output (the bug is reported). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine_int.h"
#include "test_util.h"

typedef struct ev_exp {
  const char *a1, *a2;  /* country, else code, else "-" */
  const char *cameo;    /* NULL ends the list */
  const char *date;     /* NULL: the publication date */
} ev_exp;

typedef struct coder_case {
  const char *text;
  ev_exp ev[4];
  const char *known_bug;
} coder_case;

#define D "2024-01-18"
#define NONE {{NULL, NULL, NULL, NULL}}

static const coder_case cases[] = {
  /* --- 01 make public statement */
  {"Pakistan refused to comment on Iran's claims.",
   {{"PAK", "IRN", "011", NULL}}, NULL},
  {"Pakistan expressed optimism about Iran's proposal.",
   {{"PAK", "IRN", "013", NULL}}, NULL},
  {"China expressed condolences to Pakistan.",
   {{"CHN", "PAK", "018", NULL}}, NULL},
  {"Iran voiced agreement with Pakistan.", {{"IRN", "PAK", "019", NULL}},
   NULL},
  /* --- 02 appeal */
  {"China urged Pakistan to exercise restraint.",
   {{"CHN", "PAK", "0256", NULL}}, NULL},
  {"China urged Pakistan and Iran to exercise restraint.",
   {{"CHN", "PAK", "0256", NULL}, {"CHN", "IRN", "0256", NULL}},
   NULL},
  {"The United Nations called on Iran and Pakistan to de-escalate.",
   {{"UNO", "IRN", "0256", NULL}, {"UNO", "PAK", "0256", NULL}},
   NULL},
  {"Iran called on Pakistan to de-escalate.", {{"IRN", "PAK", "0256", NULL}},
   NULL},
  {"Afghanistan called on Pakistan to hold talks.",
   {{"AFG", "PAK", "026", NULL}}, NULL},
  {"Afghanistan called on Pakistan and Iran to hold talks.",
   {{"AFG", "PAK", "026", NULL}, {"AFG", "IRN", "026", NULL}},
   NULL},
  {"Iran called on Pakistan to release the detainees.",
   {{"IRN", "PAK", "0253", NULL}}, NULL},
  {"Afghanistan appealed to Iran for help.", {{"AFG", "IRN", "023", NULL}},
   NULL},
  {"Iraq urged Iran to stop.", {{"IRQ", "IRN", "020", NULL}}, NULL},
  /* --- 03 express intent to cooperate */
  {"China offered to mediate between Pakistan and Iran.",
   {{"CHN", "PAK", "039", NULL}, {"CHN", "IRN", "039", NULL}}, NULL},
  {"China said it is willing to mediate between Pakistan and Iran.",
   {{"CHN", "PAK", "039", NULL}, {"CHN", "IRN", "039", NULL}}, NULL},
  {"Japan pledged aid to Pakistan.", {{"JPN", "PAK", "033", NULL}}, NULL},
  {"Iran pledged to cooperate with Pakistan.",
   {{"IRN", "PAK", "030", NULL}}, NULL},
  {"Iran is ready to meet with Pakistan.", {{"IRN", "PAK", "036", NULL}},
   NULL},
  {"Iran said it is ready to meet with Pakistan.",
   {{"IRN", "PAK", "036", NULL}}, NULL},
  /* --- 04 consult */
  {"Iran's foreign minister spoke by phone with his Pakistani "
   "counterpart.", {{"IRN", "PAK", "041", NULL}}, NULL},
  {"Iran's president telephoned Pakistan's prime minister.",
   {{"IRN", "PAK", "041", NULL}}, NULL},
  {"Pakistan's foreign minister visited Tehran.",
   {{"PAK", "IRN", "042", NULL}}, NULL},
  {"The Iranian foreign minister arrived in Islamabad.",
   {{"IRN", "PAK", "042", NULL}}, NULL},
  {"Iran hosted Pakistan's prime minister.", {{"IRN", "PAK", "043", NULL}},
   NULL},
  {"The Iranian foreign minister met with his Pakistani counterpart.",
   {{"IRN", "PAK", "040", NULL}}, NULL},
  {"Qatar mediated between Pakistan and Iran.",
   {{"QAT", "PAK", "045", NULL}, {"QAT", "IRN", "045", NULL}}, NULL},
  {"Pakistan negotiated with Iran.", {{"PAK", "IRN", "046", NULL}}, NULL},
  /* --- 05 diplomatic cooperation */
  {"Iran praised Pakistan.", {{"IRN", "PAK", "051", NULL}}, NULL},
  {"Iran welcomed Pakistan's decision.", {{"IRN", "PAK", "051", NULL}},
   NULL},
  {"Pakistan apologized to Iran.", {{"PAK", "IRN", "055", NULL}}, NULL},
  {"Iran signed a security agreement with Pakistan.",
   {{"IRN", "PAK", "057", NULL}}, NULL},
  /* --- 06 material cooperation */
  {"Iran shared information with Pakistan.", {{"IRN", "PAK", "064", NULL}},
   NULL},
  {"Iran shared intelligence with Pakistan.", {{"IRN", "PAK", "064", NULL}},
   NULL},
  {"Pakistan held joint exercises with China.",
   {{"PAK", "CHN", "062", NULL}}, NULL},
  {"Pakistan held joint military exercises with China.",
   {{"PAK", "CHN", "062", NULL}},
   NULL},
  /* --- 07 provide aid */
  {"Japan provided assistance to Pakistan.", {{"JPN", "PAK", "070", NULL}},
   NULL},
  {"Turkey condemned Iran.", {{"TUR", "IRN", "111", NULL}},
   NULL},
  {"The US condemned Turkey.", {{"USA", "TUR", "111", NULL}}, NULL},
  {"French officials met Romanian leaders.", {{"FRA", "ROU", "040", NULL}},
   NULL},
  {"China provided a loan to Pakistan.", {{"CHN", "PAK", "071", NULL}},
   NULL},
  {"Russia supplied weapons to Iran.", {{"RUS", "IRN", "072", NULL}}, NULL},
  {"China sent humanitarian aid to Pakistan.",
   {{"CHN", "PAK", "073", NULL}}, NULL},
  {"Pakistan granted asylum to Afghan refugees.",
   {{"PAK", "AFG", "075", NULL}}, NULL},
  /* --- 08 yield */
  {"Iran withdrew its troops from Syria.", {{"IRN", "SYR", "0874", NULL}},
   NULL},
  {"Pakistan lifted sanctions on Iran.", {{"PAK", "IRN", "085", NULL}},
   NULL},
  {"Pakistan declared a ceasefire with the Taliban.",
   {{"PAK", "AFG", "0871", NULL}}, NULL},
  /* --- 09 investigate */
  {"Pakistan launched an investigation into Iran's claims.",
   {{"PAK", "IRN", "090", NULL}}, NULL},
  {"Pakistan opened an investigation into Iran's claims.",
   {{"PAK", "IRN", "090", NULL}},
   NULL},
  /* --- 10 demand */
  {"Pakistan demanded an explanation from Iran.",
   {{"PAK", "IRN", "100", NULL}}, NULL},
  {"Iran demanded the withdrawal of Pakistani troops.",
   {{"IRN", "PAK", "106", NULL}}, NULL},
  {"Iran demanded that Pakistan hand over the militants.",
   {{"IRN", "PAK", "100", NULL}},
   NULL},
  /* --- 11 disapprove */
  {"Pakistan strongly condemned Iran.", {{"PAK", "IRN", "111", NULL}},
   NULL},
  {"Pakistan condemned the Iranian strike.", {{"PAK", "IRN", "111", NULL}},
   NULL},
  {"Iran accused Pakistan of aggression.", {{"IRN", "PAK", "1123", NULL}},
   NULL},
  {"Iran blamed Pakistan for the attack.", {{"IRN", "PAK", "112", NULL}},
   NULL},
  {"Pakistan summoned Iran's ambassador.", {{"PAK", "IRN", "111", NULL}},
   NULL},
  {"Pakistan lodged a protest with Iran.", {{"PAK", "IRN", "114", NULL}},
   NULL},
  /* --- 12 reject */
  {"Iran rejected Pakistan's claims.", {{"IRN", "PAK", "120", NULL}}, NULL},
  {"Pakistan refused to talk with Iran.", {{"PAK", "IRN", "125", NULL}},
   NULL},
  /* --- 13 threaten */
  {"Iran warned Pakistan.", {{"IRN", "PAK", "130", NULL}}, NULL},
  {"Pakistan threatened war against Iran.", {{"PAK", "IRN", "138", NULL}},
   NULL},
  {"Iran threatened sanctions against Pakistan.",
   {{"IRN", "PAK", "1312", NULL}}, NULL},
  {"Pakistan threatened military action against Iran.",
   {{"PAK", "IRN", "138", NULL}},
   NULL},
  /* --- 14 protest */
  {"Iranian protesters rallied against Pakistan.",
   {{"IRN", "PAK", "141", NULL}}, NULL},
  /* --- 15 exhibit force posture */
  {"Pakistan deployed its troops along the border with Iran.",
   {{"PAK", "IRN", "154", NULL}}, NULL},
  {"Pakistan deployed troops along the border with Iran.",
   {{"PAK", "IRN", "154", NULL}},
   NULL},
  {"Iran put its forces on alert along the border with Pakistan.",
   {{"IRN", "PAK", "152", NULL}}, NULL},
  /* --- 16 reduce relations */
  {"Pakistan recalled its ambassador from Iran.",
   {{"PAK", "IRN", "161", NULL}}, NULL},
  {"Iran severed diplomatic ties with Pakistan.",
   {{"IRN", "PAK", "161", NULL}}, NULL},
  {"Pakistan expelled Iran's ambassador.", {{"PAK", "IRN", "1663", NULL}},
   NULL},
  {"The United States imposed sanctions on Iran.",
   {{"USA", "IRN", "163", NULL}}, NULL},
  {"Pakistan suspended trade with Iran.", {{"PAK", "IRN", "160", NULL}},
   NULL},
  /* --- 17 coerce */
  {"Iranian police arrested 12 Pakistani nationals.",
   {{"IRN", "PAK", "173", NULL}}, NULL},
  {"Pakistan closed its border with Iran.", {{"PAK", "IRN", "1721", NULL}},
   NULL},
  {"Pakistan deported migrants from Afghanistan.",
   {{"PAK", "AFG", "174", NULL}}, NULL},
  /* --- 18 assault */
  {"Gunmen abducted two Iranian border guards.",
   {{"REB", "IRN", "181", NULL}}, NULL},
  {"Jaish al-Adl carried out a suicide bombing in Pakistan.",
   {{"IRN", "PAK", "1831", NULL}}, NULL},
  {"Militants assassinated a Pakistani official.",
   {{"REB", "PAK", "186", NULL}}, NULL},
  /* --- 19 fight */
  {"Pakistan struck Iran.", {{"PAK", "IRN", "190", NULL}}, NULL},
  {"Pakistan attacked Iran on Tuesday.",
   {{"PAK", "IRN", "190", "2024-01-16"}}, NULL},
  {"Pakistan launched airstrikes on Iran.", {{"PAK", "IRN", "195", NULL}},
   NULL},
  {"Pakistan launched retaliatory strikes on Iran.",
   {{"PAK", "IRN", "190", NULL}}, NULL},
  {"Iran carried out missile and drone strikes in Pakistan.",
   {{"IRN", "PAK", "195", NULL}}, NULL},
  {"Iran was hit by Pakistani missiles.", {{"PAK", "IRN", "190", NULL}},
   NULL},
  {"Iran was struck by Pakistan on Tuesday.",
   {{"PAK", "IRN", "190", "2024-01-16"}}, NULL},
  {"A missile attack launched by Pakistan on Iran killed nine people.",
   {{"PAK", "IRN", "195", NULL}}, NULL},
  {"Pakistani border posts were attacked by Iranian forces.",
   {{"IRN", "PAK", "190", NULL}},
   NULL},
  {"Iranian forces shelled Pakistani border posts.",
   {{"IRN", "PAK", "194", NULL}}, NULL},
  {"Pakistan fired rockets into Iran.", {{"PAK", "IRN", "194", NULL}},
   NULL},
  {"Pakistan bombed Iran.", {{"PAK", "IRN", "195", NULL}}, NULL},
  {"Iran used drones to strike Pakistan.", {{"IRN", "PAK", "195", NULL}},
   NULL},
  {"Iranian troops clashed with Pakistani forces.",
   {{"IRN", "PAK", "190", NULL}}, NULL},
  {"Russia invaded Ukraine.", {{"RUS", "UKR", "192", NULL}}, NULL},
  {"Iran's Revolutionary Guards attacked militants in Pakistan.",
   {{"IRN", "PAK", "190", NULL}}, NULL},
  {"Islamic State targets in Syria were hit by Iranian missiles.",
   {{"IRN", "IMGISI", "190", NULL}}, NULL},
  {"Iran struck separatist Baloch militants inside Pakistan.",
   {{"IRN", "PAK", "190", NULL}},
   NULL},
  {"Pakistan struck militants in the Iranian city of Saravan.",
   {{"PAK", "IRN", "190", NULL}},
   NULL},
  /* --- 20 unconventional mass violence */
  {"ISIS used chemical weapons against Iraqi forces.",
   {{"IMGISI", "IRQ", "2041", NULL}}, NULL},
  /* --- coordination */
  {"Iran struck Pakistan and Iraq.",
   {{"IRN", "PAK", "190", NULL}, {"IRN", "IRQ", "190", NULL}}, NULL},
  {"Saudi Arabia and Qatar urged Pakistan to exercise restraint.",
   {{"SAU", "PAK", "0256", NULL}, {"QAT", "PAK", "0256", NULL}},
   NULL},
  {"Tensions between Pakistan and Iran rose. China offered to mediate "
   "between the two countries.",
   {{"CHN", "PAK", "039", NULL}, {"CHN", "IRN", "039", NULL}}, NULL},
  {"Pakistan struck Iran on Thursday. China offered to mediate between the "
   "two countries.",
   {{"PAK", "IRN", "190", NULL}, {"CHN", "PAK", "039", NULL},
    {"CHN", "IRN", "039", NULL}},
   NULL},
  {"Iran condemned the attack and summoned Pakistan's envoy.",
   {{"IRN", "PAK", "111", NULL}}, NULL},
  /* --- pronouns */
  {"Iran said it had struck Pakistan.", {{"IRN", "PAK", "190", NULL}},
   NULL},
  {"Iran protested the strike. It also summoned Pakistan's envoy.",
   {{"IRN", "PAK", "111", NULL}}, NULL},
  /* --- event-noun anaphora */
  {"Pakistan struck Iran on Thursday. Iran condemned the strikes.",
   {{"PAK", "IRN", "190", NULL}, {"IRN", "PAK", "111", NULL}}, NULL},
  {"Iran struck Pakistan on Tuesday. Pakistan condemned Tuesday's "
   "strikes.",
   {{"IRN", "PAK", "190", "2024-01-16"},
    {"PAK", "IRN", "111", "2024-01-16"}}, NULL},
  /* --- dates */
  {"Iran struck Pakistan yesterday.", {{"IRN", "PAK", "190", "2024-01-17"}},
   NULL},
  {"Iran struck Pakistan on Dec. 28.",
   {{"IRN", "PAK", "190", "2023-12-28"}}, NULL},
  {"Iran struck Pakistan on 16 January. A day earlier, Pakistan struck "
   "Iran.",
   {{"IRN", "PAK", "190", "2024-01-16"},
    {"PAK", "IRN", "190", "2024-01-15"}}, NULL},
  {"Iran struck Pakistan earlier this week.",
   {{"IRN", "PAK", "190", "2024-01-15"}}, NULL},
  {"Two days after Iran struck Pakistan, Pakistan struck Iran on Thursday.",
   {{"IRN", "PAK", "190", "2024-01-16"}, {"PAK", "IRN", "190", D}},
   NULL},
  /* --- broader English coverage: one row per pattern family */
  {"Iran and Pakistan signed a trade agreement.",
   {{"IRN", "PAK", "057", NULL}}, NULL},
  {"Iran and Pakistan agreed to reopen the border.",
   {{"IRN", "PAK", "030", NULL}}, NULL},
  {"Egypt and Jordan held talks on Monday.",
   {{"EGY", "JOR", "040", "2024-01-15"}}, NULL},
  {"Egypt and Israel established diplomatic relations.",
   {{"EGY", "ISR", "054", NULL}}, NULL},
  {"Egypt and France held joint naval exercises.",
   {{"EGY", "FRA", "062", NULL}}, NULL},
  {"Iran expressed concern over Pakistan's decision.",
   {{"IRN", "PAK", "012", NULL}}, NULL},
  {"Afghanistan asked for aid from China.",
   {{"AFG", "CHN", "023", NULL}}, NULL},
  {"Iraq invited Turkey to mediate.",
   {{"IRQ", "TUR", "028", NULL}}, NULL},
  {"China will provide loans to Pakistan.",
   {{"CHN", "PAK", "033", NULL}}, NULL},
  {"The Iranian president will visit Pakistan next week.",
   {{"IRN", "PAK", "036", NULL}}, NULL},
  {"Turkey agreed to lift the ban on Iraqi imports.",
   {{"TUR", "IRQ", "035", NULL}}, NULL},
  {"Syria is willing to withdraw its troops from Lebanon.",
   {{"SYR", "LBN", "035", NULL}}, NULL},
  {"Turkey offered to negotiate with Greece.",
   {{"TUR", "GRC", "036", NULL}}, NULL},
  {"Egypt's president paid a visit to Jordan.",
   {{"EGY", "JOR", "042", NULL}}, NULL},
  {"Egypt's foreign minister travelled to Jordan.",
   {{"EGY", "JOR", "042", NULL}}, NULL},
  {"Iran resumed talks with Pakistan.",
   {{"IRN", "PAK", "046", NULL}}, NULL},
  {"Russia held a meeting with China.",
   {{"RUS", "CHN", "040", NULL}}, NULL},
  {"Qatar launched a mediation effort between Egypt and Israel.",
   {{"QAT", "EGY", "045", NULL}, {"QAT", "ISR", "045", NULL}}, NULL},
  {"Egypt congratulated Jordan.",
   {{"EGY", "JOR", "051", NULL}}, NULL},
  {"Iran expressed support for Syria.",
   {{"IRN", "SYR", "051", NULL}}, NULL},
  {"Albania restored diplomatic relations with Greece.",
   {{"ALB", "GRC", "054", NULL}}, NULL},
  {"Zambia extradited a suspect to Britain.",
   {{"ZMB", "GBR", "063", NULL}}, NULL},
  {"Japan gave Pakistan a loan of 100 million dollars.",
   {{"JPN", "PAK", "070", NULL}}, NULL},
  {"France sent peacekeepers to Mali.",
   {{"FRA", "MLI", "074", NULL}}, NULL},
  {"Switzerland delivered medicine to Iran.",
   {{"CHE", "IRN", "073", NULL}}, NULL},
  {"Israel released Palestinian prisoners.",
   {{"ISR", "PSE", "0841", NULL}}, NULL},
  {"Israel eased the blockade on Gaza.",
   {{"ISR", "PSE", "0872", NULL}}, NULL},
  {"Turkey accepted the demands of Iraq.",
   {{"TUR", "IRQ", "083", NULL}}, NULL},
  {"Iran dispatched investigators to Iraq.",
   {{"IRN", "IRQ", "090", NULL}}, NULL},
  {"Iran demanded the release of Pakistani nationals.",
   {{"IRN", "PAK", "1053", NULL}}, NULL},
  {"Iran demanded the removal of Pakistan's prime minister.",
   {{"IRN", "PAK", "1041", NULL}}, NULL},
  {"Iran accused Pakistan of spying.",
   {{"IRN", "PAK", "1125", NULL}}, NULL},
  {"Iran accused Pakistan of war crimes.",
   {{"IRN", "PAK", "1124", NULL}}, NULL},
  {"Pakistan complained to China.",
   {{"PAK", "CHN", "114", NULL}}, NULL},
  {"An Iranian court convicted a Pakistani national.",
   {{"IRN", "PAK", "116", NULL}}, NULL},
  {"Iran refused to release the Pakistani detainees.",
   {{"IRN", "PAK", "1243", NULL}}, NULL},
  {"Iran refused to lift the ban on Pakistani imports.",
   {{"IRN", "PAK", "1241", NULL}}, NULL},
  {"Pakistan opposed Iran's proposal.",
   {{"PAK", "IRN", "120", NULL}}, NULL},
  {"Iran threatened to sever ties with Pakistan.",
   {{"IRN", "PAK", "1313", NULL}}, NULL},
  {"Iran threatened to cut aid to Pakistan.",
   {{"IRN", "PAK", "1311", NULL}}, NULL},
  {"Iran threatened to attack Pakistan.",
   {{"IRN", "PAK", "138", NULL}}, NULL},
  {"Iran issued an ultimatum to Pakistan.",
   {{"IRN", "PAK", "139", NULL}}, NULL},
  {"Iran said it would boycott Pakistani products.",
   {{"IRN", "PAK", "1312", NULL}}, NULL},
  {"Iranian students staged a protest against Pakistan.",
   {{"IRN", "PAK", "141", NULL}}, NULL},
  {"Iranian workers began a hunger strike against the Pakistani government.",
   {{"IRN", "PAK", "142", NULL}}, NULL},
  {"Iranian workers held a general strike against the Pakistani government.",
   {{"IRN", "PAK", "143", NULL}}, NULL},
  {"Iranian farmers blocked roads to protest Pakistan's policies.",
   {{"IRN", "PAK", "144", NULL}, {"IRN", "PAK", "141", NULL}}, NULL},
  {"Pakistan strengthened its forces along the border with Iran.",
   {{"PAK", "IRN", "154", NULL}}, NULL},
  {"Iran mobilized reservists against Pakistan.",
   {{"IRN", "PAK", "154", NULL}}, NULL},
  {"Japan suspended aid to Pakistan.",
   {{"JPN", "PAK", "162", NULL}}, NULL},
  {"Iran suspended talks with Pakistan.",
   {{"IRN", "PAK", "164", NULL}}, NULL},
  {"Iran cancelled a visit to Pakistan.",
   {{"IRN", "PAK", "160", NULL}}, NULL},
  {"Iran expelled inspectors from Iraq.",
   {{"IRN", "IRQ", "1662", NULL}}, NULL},
  {"Iranian police jailed three Pakistani journalists.",
   {{"IRN", "PAK", "173", NULL}}, NULL},
  {"Iran imposed a curfew in Pakistan.",
   {{"IRN", "PAK", "1723", NULL}}, NULL},
  {"Israeli troops demolished Palestinian homes.",
   {{"ISR", "PSE", "1712", NULL}}, NULL},
  {"Pakistan banned Iranian newspapers.",
   {{"PAK", "IRN", "1722", NULL}}, NULL},
  {"Iraqi police used tear gas against Iranian pilgrims.",
   {{"IRQ", "IRN", "175", NULL}}, NULL},
  {"Israel imposed a blockade on Gaza.",
   {{"ISR", "PSE", "191", NULL}}, NULL},
  {"Pakistani soldiers tortured Afghan detainees.",
   {{"PAK", "AFG", "1822", NULL}}, NULL},
  {"Pakistani soldiers beat up Afghan refugees.",
   {{"PAK", "AFG", "182", NULL}}, NULL},
  {"Militants tried to assassinate an Iranian official.",
   {{"REB", "IRN", "185", NULL}}, NULL},
  {"The United States is providing aerial photographs and other military "
   "intelligence to Macedonia.", {{"USA", "MKD", "072", NULL}}, NULL},
  {"The United States is providing aerial photographs to Macedonia.", NONE,
   NULL},
  /* "prisoners" is a role; "$T prisoners" still matches its actor */
  {"Palestinian prisoners rioted Monday at a jail in northern Israel.",
   {{"PSE", "ISR", "145", "2024-01-15"}}, NULL},
  {"Palestinian prisoners ate lunch Monday at a jail in northern Israel.",
   NONE, NULL},
  {"Israel freed 30 Palestinian detainees.", {{"ISR", "PSE", "0841", NULL}},
   NULL},
  /* "tried to V" a coercion or attack: the attempt is the act */
  {"North Korea tried to hack South Korean computers.",
   {{"PRK", "KOR", "170", NULL}}, NULL},
  {"North Korea plans to hack South Korean computers.", NONE, NULL},
  {"Israel mounted an invasion of Lebanon.",
   {{"ISR", "LBN", "192", NULL}}, NULL},
  {"Iranian troops opened fire on Pakistani border guards.",
   {{"IRN", "PAK", "193", NULL}}, NULL},
  {"Iraqi forces retook the town from Islamic State.",
   {{"IRQ", "IMGISI", "192", NULL}}, NULL},
  {"Iran violated the ceasefire with Pakistan.",
   {{"IRN", "PAK", "196", NULL}}, NULL},
  {"Syrian forces massacred Lebanese civilians.",
   {{"SYR", "LBN", "202", NULL}}, NULL},
  /* --- more patterns: each with a sentence it codes and one it must
   * not code */
  /* --- gold-standard error classes (tools/gsr_errors.py): new patterns
   * and rules, each with a sentence it codes and one it must not */
  {"The Kenyan finance minister said Kenya is committed to reforming its tax "
   "system.",
   {{"KEN", "-", "030", NULL}}, NULL},
  {"The Kenyan finance minister said Kenya is not committed to reforming its "
   "tax system.", NONE, NULL},
  {"Chile offered concessions to Bolivian negotiators.",
   {{"CHL", "BOL", "035", NULL}}, NULL},
  {"Chile demanded concessions from Bolivian negotiators.",
   {{"CHL", "BOL", "100", NULL}}, NULL},
  {"Kenya extradited a suspected Somali arms dealer named Ali to Somalia.",
   {{"KEN", "SOM", "063", NULL}}, NULL},
  {"Kenya refused to say whether it would extradite the suspects.", NONE, NULL},
  {"Jordan allowed the delivery of 500 tons of flour to Syria.",
   {{"JOR", "SYR", "0863", NULL}}, NULL},
  {"Jordan blocked the delivery of flour to Syria.", NONE, NULL},
  /* a non-state group's targetless yielding or threat: against its
   * country's authorities */
  {"Colombian rebels have been demobilized since the accord.",
   {{"COL", "COL", "0873", NULL}}, NULL},
  {"Colombian rebels have been arrested since the accord.", NONE, NULL},
  /* issue 4: a group named with its members' role ("the ELN rebels") is
   * one actor, also as a conjunct after "and the" */
  {"Colombia's government and the ELN rebels resumed peace talks in "
   "Caracas on Monday.", {{"COL", "COL", "046", "2024-01-15"}}, NULL},
  {"Colombia's government resumed peace talks with the ELN rebels.",
   {{"COL", "COL", "046", NULL}}, NULL},
  {"Colombia's government and the ELN rebels ended peace talks in "
   "Caracas on Monday.", NONE, NULL},
  {"Taliban fighters attacked Afghan troops.",
   {{"AFG", "AFG", "190", NULL}}, NULL},
  /* "X-led coalition": the leader's military */
  {"The Saudi-led coalition attacked Yemeni rebels.",
   {{"SAU", "YEM", "190", NULL}}, NULL},
  {"US-led forces bombed Iraq.", {{"USA", "IRQ", "195", NULL}}, NULL},
  {"The Saudi-led coalition refused to attack Yemeni rebels.",
   {{"SAU", "YEM", "120", NULL}}, NULL},
  /* "refused/failed to V": V is negated; the refusal is 120 */
  {"The Kenyan army refused to attack Somali militias.",
   {{"KEN", "SOM", "120", NULL}}, NULL},
  {"The Kenyan army attacked Somali militias.",
   {{"KEN", "SOM", "190", NULL}}, NULL},
  {"Iran failed to attack Israel.", NONE, NULL},
  {"Israel refrained from striking Iran.", NONE, NULL},
  /* a group's name with a gloss in parentheses before "group" */
  {"The pro-Iranian Hizbollah (Party of God) group declared a unilateral "
   "ceasefire on Wednesday.", {{"LBN", "-", "0871", "2024-01-17"}}, NULL},
  {"The pro-Iranian Hizbollah (Party of God) group rejected a unilateral "
   "ceasefire on Wednesday.", NONE, NULL},
  /* ", but V": the verb shares the subject of the first clause */
  {"Benin opened its borders to West Africans, but was still refusing "
   "admittance to Ghanaians.", {{"BEN", "GHA", "1245", NULL}}, NULL},
  {"Benin opened its borders to West Africans, but Ghana was still "
   "refusing admittance to Nigerians.", {{"GHA", "NGA", "1245", NULL}},
   NULL},
  {"Benin opened its borders to West Africans, but was still studying "
   "the case of Ghanaians.", NONE, NULL},
  {"The Kenyan government disbanded Somali militias.",
   {{"KEN", "SOM", "0873", NULL}}, NULL},
  {"The Kenyan government armed Somali militias.", NONE, NULL},
  {"Kenyan farmers blocked traffic into Nairobi.",
   {{"KEN", "KEN", "144", NULL}}, NULL},
  {"Kenyan farmers blocked traffic.",
   {{"KEN", "KEN", "144", NULL}}, NULL},
  {"Kenyan farmers avoided traffic in Nairobi.", NONE, NULL},
  {"Thousands of Kenyan workers downed tools.",
   {{"KEN", "KEN", "143", NULL}}, NULL},
  {"Thousands of Kenyan workers went to work.", NONE, NULL},
  {"Kenyan dock workers went on strike.",
   {{"KEN", "KEN", "143", NULL}}, NULL},
  {"Kenyan dock workers went on holiday.", NONE, NULL},
  {"Thousands of Kenyans gathered for a rally in Nairobi.",
   {{"KEN", "KEN", "141", NULL}}, NULL},
  {"Thousands of Kenyans gathered for a wedding in Nairobi.", NONE, NULL},
  {"Palestinian protesters threw stones at Israeli soldiers.",
   {{"PSE", "ISR", "145", NULL}}, NULL},
  {"Palestinian protesters threw stones.",
   {{"PSE", "PSE", "145", NULL}}, NULL},
  {"Palestinian protesters threw flowers at Israeli soldiers.", NONE, NULL},
  {"The government of Sindh province ordered police patrols after the riots.",
   {{"PAK", "-", "153", NULL}}, NULL},
  {"The government of Sindh province ordered an inquiry after the riots.",
   NONE, NULL},
  {"The Kenyan army prepared to resume shelling Somali militia positions.",
   {{"KEN", "SOM", "150", NULL}}, NULL},
  {"The Kenyan army prepared to attack Somali militias.",
   {{"KEN", "SOM", "150", NULL}}, NULL},
  {"The Kenyan government ordered the Somali newspaper to suspend "
   "publication.",
   {{"KEN", "SOM", "1721", NULL}}, NULL},
  {"The Kenyan government ordered the Somali newspaper to expand its "
   "publication.", NONE, NULL},
  {"Iran hacked into the computers of Israeli officials.",
   {{"IRN", "ISR", "170", NULL}}, NULL},
  {"Somali militants exploded two bombs in Nairobi.",
   {{"SOM", "KEN", "183", NULL}}, NULL},
  {"Somali militants found two bombs in Nairobi.", NONE, NULL},
  {"President Smith gave a warm welcome to the Kenyan president.",
   {{"GOV", "KEN", "043", NULL}}, NULL},
  {"Kenyan students began a 24-hour hunger strike.",
   {{"KEN", "KEN", "142", NULL}}, NULL},
  {"Rebels in Chad threatened to attack unless President Deby resigned.",
   {{"TCD", "TCD", "138", NULL}}, NULL},
  {"Nigeria said it will withdraw its troops from Chad unless the rebels "
   "agree to talks.",
   {{"NGA", "TCD", "130", NULL}}, NULL},
  {"Nigeria said it will withdraw its troops from Chad.",
   {{"NGA", "TCD", "0356", NULL}}, NULL},
  {"Rebels in the Ivory Coast rejected an appeal from President Smith.",
   {{"CIV", "CIV", "120", NULL}}, NULL},
  {"Putin offered to negotiate with the president of Armenia.",
   {{"RUS", "ARM", "036", NULL}}, NULL},
  {"Putin refused to comment on the president of Armenia.",
   {{"RUS", "ARM", "011", NULL}}, NULL},
  {"President Laurent Gbagbo announced on Sunday that he will extend the "
   "night-time curfew in Abidjan.",
   {{"CIV", "CIV", "1323", "2024-01-14"}}, NULL},
  /* an ethnic group is of the country it lives in */
  {"Ethnic Serbs in Croatia attacked Croatian police.",
   {{"HRV", "HRV", "190", NULL}}, NULL},
  {"Serbs in Croatia attacked Croatian police.",
   {{"SRB", "HRV", "190", NULL}}, NULL},
  /* an affiliation adjective is no actor */
  {"The pro-Iranian Hezbollah group declared a ceasefire.",
   {{"LBN", "-", "0871", NULL}}, NULL},
  {"The Iranian-backed Hezbollah group declared a ceasefire.",
   {{"LBN", "-", "0871", NULL}}, NULL},
  {"Palestinian inmates rioted at a jail in northern Israel.",
   {{"PSE", "ISR", "145", NULL}}, NULL},
  {"The radical Palestinian Islamic Jihad movement rejected an invitation "
   "from Egypt.",
   {{"PSE", "EGY", "120", NULL}}, NULL},
  {"Algerian landowners began a hunger strike outside Parliament.",
   {{"DZA", "DZA", "142", NULL}}, NULL},
  {"Thousands of Iraqi Kurds demonstrated in the northern city of Kirkuk.",
   {{"IRQ", "IRQ", "141", NULL}}, NULL},
  {"Egyptian students rioted.",
   {{"EGY", "EGY", "145", NULL}}, NULL},
  {"Russia threatened to stop the talks if the United States deploys "
   "missiles.",
   {{"RUS", "USA", "134", NULL}}, NULL},
  {"The military government of President Prosper Avril declared a 30-day "
   "state of siege in Haiti.",
   {{"HTI", "HTI", "1724", NULL}}, NULL},
  {"U.S. Secretary of State Warren Christopher telephoned Russian Foreign "
   "Minister Andrei Kozyrev.",
   {{"USA", "RUS", "041", NULL}}, NULL},
  {"The Kenyan army prepared a report on Somali militias.", NONE, NULL},
  {"Israel and Syria failed to reach agreement on the Golan Heights.",
   {{"ISR", "SYR", "120", NULL}}, NULL},
  {"Israel and Syria reached an agreement on the Golan Heights.",
   {{"ISR", "SYR", "030", NULL}}, NULL},
  {"Sudan offered to hand over the suspects to Egypt.",
   {{"SDN", "EGY", "031", NULL}}, NULL},
  {"Sudan refused to hand over the suspects to Egypt.",
   {{"SDN", "EGY", "120", NULL}}, NULL},
  {"Syria said it would withdraw its remaining troops from Lebanon.",
   {{"SYR", "LBN", "0356", NULL}}, NULL},
  {"Syria said it would not withdraw its troops from Lebanon.", NONE, NULL},
  {"The Kenyan government promised to compensate Ugandan traders.",
   {{"KEN", "UGA", "030", NULL}}, NULL},
  {"The Kenyan government did not promise to compensate Ugandan traders.",
   NONE, NULL},
  {"The Kenyan president said he is ready to step down.",
   {{"KEN", "-", "035", NULL}}, NULL},
  {"The Kenyan president said he is not ready to step down.", NONE, NULL},
  {"The Peruvian president promised to fight corruption.",
   {{"PER", "-", "030", NULL}}, NULL},
  {"The Peruvian president broke his promise to fight corruption.", NONE,
   NULL},
  {"Chile kept its pledge to Argentina.", NONE, NULL},
  {"Leaders of the Bolivian opposition agreed to postpone the march.",
   {{"BOL", "-", "030", NULL}, {"BOL", "BOL", "082", NULL}}, NULL},
  {"Leaders of the Bolivian opposition refused to postpone the march.",
   NONE, NULL},
  {"Two hundred Colombian rebels surrendered on Tuesday.",
   {{"COL", "COL", "0874", "2024-01-16"}}, NULL},
  {"Two hundred Colombian rebels refused to surrender on Tuesday.",
   {{"COL", "-", "120", "2024-01-16"}}, NULL},
  {"Nigerian teachers called off their strike.",
   {{"NGA", "NGA", "082", NULL}}, NULL},
  {"Nigerian teachers threatened to call a strike.",
   {{"NGA", "NGA", "133", NULL}}, NULL},
  {"Chilean miners ended their hunger strike on Friday.",
   {{"CHL", "CHL", "082", "2024-01-12"}}, NULL},
  {"Chilean miners began a hunger strike on Friday.",
   {{"CHL", "CHL", "142", "2024-01-12"}}, NULL},
  {"Chile reneged on its pledge to Argentina.",
   {{"CHL", "ARG", "120", NULL}}, NULL},
  {"Ghana refused entry to Nigerian traders.",
   {{"GHA", "NGA", "1245", NULL}}, NULL},
  {"Ghana granted entry to Nigerian traders.", NONE, NULL},
  {"Jordan said it would not accept Iraqi refugees.",
   {{"JOR", "IRQ", "120", NULL}}, NULL},
  {"Jordan said it would accept Iraqi refugees.", NONE, NULL},
  {"Jordan said it would not accept any conditions.",
   {{"JOR", "-", "120", NULL}}, NULL},
  {"Jordan said it would accept the conditions.", NONE, NULL},
  {"Japan failed to reach an agreement with China on fishing rights.",
   {{"JPN", "CHN", "120", NULL}}, NULL},
  {"Japan reached an agreement with China on fishing rights.", NONE, NULL},
  {"French farmers said they would blockade Paris.",
   {{"FRA", "FRA", "1381", NULL}}, NULL},
  {"French farmers said they would not blockade Paris.", NONE, NULL},
  {"Albanian rebels vowed to fight Macedonia.",
   {{"ALB", "MKD", "138", NULL}}, NULL},
  {"Albanian rebels vowed to respect the accord with Macedonia.", NONE,
   NULL},
  {"Kurdish rebels vowed to retaliate.", {{"REB", "-", "138", NULL}}, NULL},
  {"Kurdish rebels vowed to lay down their arms.", NONE, NULL},
  {"Syrian Druze threatened to hold a general strike.",
   {{"SYR", "SYR", "133", NULL}}, NULL},
  {"Syrian Druze held a general strike.", {{"SYR", "SYR", "143", NULL}},
   NULL},
  {"Syrian Druze cancelled a general strike.", NONE, NULL},
  {"Russia threatened to stop negotiations on missiles.",
   {{"RUS", "-", "134", NULL}}, NULL},
  {"Russia agreed to resume negotiations on missiles.",
   {{"RUS", "-", "030", NULL}}, NULL},
  {"The Iraqi government said it is prepared to impose martial law.",
   {{"IRQ", "-", "1323", NULL}}, NULL},
  {"The Iraqi government said it is not prepared to impose martial law.",
   NONE, NULL},
  {"The United States said it would cut aid to Albanian rebels.",
   {{"USA", "ALB", "162", NULL}}, NULL},
  {"The United States said it would not cut aid to Albanian rebels.", NONE,
   NULL},
  {"Turkish police prevented a demonstration by Kurdish students.",
   {{"TUR", "TUR", "1721", NULL}}, NULL},
  {"Turkish police protected a demonstration by Kurdish students.", NONE,
   NULL},
  {"Egyptian police dispersed Islamist demonstrators.",
   {{"EGY", "EGY", "175", NULL}}, NULL},
  {"Egyptian police protected Islamist demonstrators.", NONE, NULL},
  {"Hezbollah guerrillas killed two Israeli soldiers.",
   {{"LBN", "ISR", "180", NULL}}, NULL},
  {"Hezbollah guerrillas did not kill two Israeli soldiers.", NONE, NULL},
  {"Israeli forces shelled Gaza, killing 12 Palestinian civilians.",
   {{"ISR", "PSE", "194", NULL}}, NULL},
  /* --- roles of no stated country */
  {"President Yoweri Museveni banned Ugandan opposition candidates.",
   {{"UGA", "UGA", "1722", NULL}}, NULL},
  {"Rebels in Sierra Leone abducted two Nigerian peacekeepers.",
   {{"SLE", "NGA", "181", NULL}}, NULL},
  {"President Prosper Avril met Moroccan diplomats.",
   {{"HTI", "MAR", "040", NULL}}, NULL},
  {"Libyan leader Muammar Gaddafi and Bulgarian President Todor Zhivkov "
   "today signed a treaty of friendship.",
   {{"LBY", "BGR", "057", NULL}}, NULL},
  /* "they" owns no role; "announced" reports the pronoun's clause */
  {"The rebels said they will release Prime Minister Mahendra Chaudhry.",
   {{"REB", "GOV", "0353", NULL}}, NULL},
  {"The United States announced Wednesday it would cut aid to Albanian "
   "rebels.",
   {{"USA", "ALB", "162", "2024-01-17"}}, NULL},
  /* --- must give NO event */
  {"Pakistan did not strike Iran.", NONE, NULL},
  {"Pakistan never attacked Iran.", NONE, NULL},
  {"Iran will not attack Pakistan.", NONE, NULL},
  {"If Iran and Pakistan continue to launch missile attacks on each "
   "other's territory, there is a possibility of war.", NONE, NULL},
  {"Unless Iran stops, Pakistan will strike.", NONE, NULL},
  {"Pakistan will strike Iran.", NONE, NULL},
  {"Iran could attack Pakistan.", NONE, NULL},
  {"Pakistan may attack Iran.", NONE, NULL},
  {"Their goal was to target the group.", NONE, NULL},
  {"Pakistan said their goal was to target Iranian militants.", NONE,
   NULL},
  {"Pakistan wants to strike Iran.", NONE, NULL},
  {"Pakistan has no plans to strike Iran.", NONE, NULL},
  {"Thursday's strikes were condemned.", NONE, NULL},
  {"Islamic State targets in Syria were hit.", NONE, NULL},
  {"Iran's strikes on Pakistan drew wide attention.", NONE, NULL},
  {"Iran denied that it had attacked Pakistan.", NONE, NULL},
  {"Officials said Iran would strike Pakistan if attacked.", NONE, NULL},
  {"Pakistan said it would respond if Iran attacked again.", NONE, NULL},
  {"Iran warned that it could strike Pakistan.", NONE, NULL},
  {"Analysts fear that Pakistan might strike Iran.", NONE, NULL},
  {"Pakistan is expected to strike Iran.", NONE,
   NULL},
  /* two clauses, two subjects, two dates */
  {"Iran attacked Pakistan on Tuesday and Pakistan attacked Iran on "
   "Thursday.",
   {{"IRN", "PAK", "190", "2024-01-16"}, {"PAK", "IRN", "190", "2024-01-18"}},
   NULL},
  {"Officials in Karachi said Iranian forces struck Pakistan.",
   {{"IRN", "PAK", "190", NULL}}, NULL},
  {"Iranian forces struck Pakistan on March 3, killing two children.",
   {{"IRN", "PAK", "190", "2023-03-03"}}, NULL},
  /* month and year precision */
  {"Iran attacked Iraq in January 2023.",
   {{"IRN", "IRQ", "190", "2023-01-01"}}, NULL},
  {"Pakistan struck Iran in March.", {{"PAK", "IRN", "190", "2023-03-01"}},
   NULL},
  {"Iraq attacked Iran in 2019.", {{"IRQ", "IRN", "190", "2019-01-01"}},
   NULL},
  /* events without a target */
  {"Hamas declared a unilateral ceasefire.", {{"PSE", "-", "0871", NULL}},
   NULL},
  {"Thousands of Kenyan students marched.", {{"KEN", "KEN", "141", NULL}},
   NULL},
  {"Iran protested the decision.", NONE, NULL},
  /* words between a subject and its verb */
  {"Iran on Tuesday condemned Pakistan.",
   {{"IRN", "PAK", "111", "2024-01-16"}}, NULL},
  {"Iran today condemned Pakistan.", {{"IRN", "PAK", "111", NULL}}, NULL},
  {"Palestinian police in Jericho arrested Israeli settlers.",
   {{"PSE", "ISR", "173", NULL}}, NULL},
  /* plural demonyms are people; domestic events stay */
  {"Israel arrested 100 Palestinians.", {{"ISR", "PSE", "173", NULL}},
   NULL},
  {"Croatia is investigating Croatian citizens.",
   {{"HRV", "HRV", "090", NULL}}, NULL},
  /* a reporting verb that takes an object */
  {"Iran announced sanctions on Pakistan.", {{"IRN", "PAK", "163", NULL}},
   NULL},
  /* a hyphenated adjective is not a verb */
  {"Israel mounted its long-threatened invasion of Lebanon.",
   {{"ISR", "LBN", "192", NULL}}, NULL},
  {"Did Pakistan strike Iran?", NONE,
   NULL},
  {"Iran and Pakistan did not sign an agreement.", NONE, NULL},
  {"Iran and Pakistan have not agreed.", NONE, NULL},
  {"Iran will not boycott Pakistan.", NONE, NULL},
  {"Iran called the Pakistani move an act of aggression.", NONE, NULL},
  {"Pakistan demanded a meeting.", NONE, NULL},
  {"Pakistan said it would not release the Iranian detainees.", NONE, NULL},
  {"The Iran-backed group praised the decision.", NONE, NULL},
  /* --- issue 4, gold-standard classes (tools/gsr_errors.py): each
   * rule or pattern with a sentence it codes and one it must not (or
   * codes otherwise) */
  /* a non-state group's targetless threat: against its authorities; a
   * state's stays without target */
  {"Ethnic Albanians in Macedonia have sworn to fight.",
   {{"MKD", "MKD", "138", NULL}}, NULL},
  {"Iran threatened to retaliate.", {{"IRN", "-", "138", NULL}}, NULL},
  /* rebels a government concedes to are its own */
  {"The Mozambique government accepted demands from Shona rebels.",
   {{"MOZ", "MOZ", "083", NULL}}, NULL},
  {"The Mozambique government rejected demands from Shona rebels.",
   {{"MOZ", "REB", "120", NULL}}, NULL},
  /* a name before "war" is no place */
  {"Iran threatened to launch an offensive in its Gulf war with Iraq.",
   {{"IRN", "IRQ", "138", NULL}}, NULL},
  {"Iran threatened to launch an offensive in Gulf province.",
   {{"IRN", "PNG", "138", NULL}}, NULL},
  /* "militants loyal to X" */
  {"Militants loyal to Iraq's Al-Qaeda leader attacked Iraqi police.",
   {{"IRQ", "IRQ", "190", NULL}}, NULL},
  {"Militants attacked Iraqi police.", {{"REB", "IRQ", "190", NULL}}, NULL},
  /* coordinated verb phrases share the subject */
  {"Afghan rebels kidnapped Russian advisers and exploded bombs in Kabul.",
   {{"AFG", "RUS", "181", NULL}, {"AFG", "AFG", "183", NULL}}, NULL},
  {"Afghan rebels kidnapped Russian advisers and Russian troops exploded "
   "bombs in Kabul.",
   {{"AFG", "RUS", "181", NULL}, {"RUS", "AFG", "183", NULL}}, NULL},
  /* "NATO-member Norway" */
  {"NATO-member Norway condemned Russia.", {{"NOR", "RUS", "111", NULL}},
   NULL},
  {"NATO condemned Russia.", {{"NAT", "RUS", "111", NULL}}, NULL},
  /* patterns */
  {"Uganda paid compensation to British nationals.",
   {{"UGA", "GBR", "0842", NULL}}, NULL},
  {"Uganda paid tribute to British nationals.", NONE, NULL},
  {"Uganda returned confiscated property to Britain.",
   {{"UGA", "GBR", "0842", NULL}}, NULL},
  {"Uganda returned confiscated weapons to Britain.", NONE, NULL},
  {"Egyptian police will no longer tolerate rallies.",
   {{"EGY", "EGY", "1321", NULL}}, NULL},
  {"Egyptian police will no longer tolerate corruption.", NONE, NULL},
  {"Pakistan allowed Iran to use its airspace.",
   {{"PAK", "IRN", "080", NULL}}, NULL},
  {"Pakistan asked Iran to use its airspace.", NONE, NULL},
  {"The Sudanese president took steps to enhance political freedoms.",
   {{"SDN", "SDN", "0811", NULL}}, NULL},
  {"The Sudanese president took steps to curb political freedoms.", NONE,
   NULL},
  {"A Lebanese newspaper violated a ban by the Lebanese army.",
   {{"LBN", "LBN", "128", NULL}}, NULL},
  {"A Lebanese newspaper reported a ban by the Lebanese army.", NONE, NULL},
  {"U.S. negotiators return to Geneva for talks.",
   {{"USA", "-", "040", NULL}}, NULL},
  {"U.S. negotiators return to Geneva for the holidays.", NONE, NULL},
  {"Kenya delivered goods to Somalia.", {{"KEN", "SOM", "070", NULL}}, NULL},
  {"Kenya sold goods to Somalia.", NONE, NULL},
  {"Nigerian teachers postponed their strike.",
   {{"NGA", "NGA", "082", NULL}}, NULL},
  {"Nigerian teachers postponed their holiday.", NONE, NULL},
  /* "based in" gives a role its country */
  {"A newspaper based in Beirut criticized Syria.",
   {{"LBN", "SYR", "111", NULL}}, NULL},
  /* a conditional threat's target beats a place */
  {"Israel threatened to ban voting in East Jerusalem if Hamas ran.",
   {{"ISR", "PSE", "1322", NULL}}, NULL},
  {"Israel threatened to ban voting in East Jerusalem.",
   {{"ISR", "ISR", "1322", NULL}}, NULL},
  /* protesters are of the government they protest against, not of an
   * embassy's */
  {"Islamic fundamentalists began a hunger strike against Algerian "
   "President Smith.", {{"DZA", "DZA", "142", NULL}}, NULL},
  {"Islamic fundamentalists rioted against the American embassy.",
   {{"RAD", "USA", "145", NULL}}, NULL},
  /* a capital's namesake town in the country the sentence names */
  {"Lebanese troops attacked Tripoli.", {{"LBN", "LBN", "190", NULL}}, NULL},
  {"Libyan troops attacked Tripoli.", {{"LBY", "LBY", "190", NULL}}, NULL},
  {"Ethnic Turks in Sweden began a hunger strike.",
   {{"SWE", "SWE", "142", NULL}}, NULL},
  /* a protest of no target: against the foreign actor after "against" */
  {"Palestinian youths threw stones during demonstrations against the "
   "Israeli army.", {{"PSE", "ISR", "145", NULL}}, NULL},
  {"Palestinian youths threw stones during demonstrations against "
   "Palestinian police.", {{"PSE", "PSE", "145", NULL}}, NULL},
  /* aid groups are actors; an amount inside a gap */
  {"American aid groups delivered $50,000 worth of goods to Kenya.",
   {{"USA", "KEN", "070", NULL}}, NULL},
  {"American aid groups delivered $50,000 worth of goods.", NONE, NULL},
  {"Japan gave $50 million in loans to Kenya.",
   {{"JPN", "KEN", "071", NULL}}, NULL},
  {"Japan gave $50 million in bonuses to Kenyan players.", NONE, NULL},
  /* the place of a killing may be told in a "when" clause */
  {"Two Palestinian suicide bombers killed 23 people when they blew "
   "themselves up in Tel Aviv.", {{"PSE", "ISR", "180", NULL}}, NULL},
  {"Two Palestinian suicide bombers killed 23 people which shocked "
   "residents of Tel Aviv.", NONE, NULL},
  /* a role's country from a place whose readings all lie in one country;
   * a town named after a place is not its container */
  {"Police arrested students in Sivas.", {{"TUR", "TUR", "173", NULL}},
   NULL},
  {"Police arrested students at Cumhuriyet University.",
   {{"TUR", "TUR", "173", NULL}}, NULL},
  {"Police arrested students in San Fernando.",
   {{"COP", "EDU", "173", NULL}}, NULL},
  {"Lithuanian students began collecting signatures against the law.",
   {{"LTU", "LTU", "140", NULL}}, NULL},
  {"Lithuanian students began collecting stamps.", NONE, NULL},
  {"Lithuanian students collected signatures.",
   {{"LTU", "LTU", "140", NULL}}, NULL},
  {"Lithuanian students collected coins.", NONE, NULL},
  /* a compass adjective before a country is part of it, not "the West" */
  {"Vietnamese forces attacked villages in Western Cambodia.",
   {{"VNM", "KHM", "190", NULL}}, NULL},
  {"Western officials criticized Iran.", {{"WST", "IRN", "111", NULL}},
   NULL},
};

/* ------------------------------------------------------------ rendering */

static const char *actor_str(const casus_actor *a) {
  if (a->country)
    return a->country;
  return a->code ? a->code : "-";
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Joins LINES (sorted in place) with "; " into OUT. */
static void join_sorted(char **lines, size_t n, char *out, size_t cap) {
  qsort(lines, n, sizeof *lines, cmp_str);
  out[0] = '\0';
  size_t o = 0;
  for (size_t i = 0; i < n && o < cap; i++) {
    int w = snprintf(out + o, cap - o, "%s%s", i ? "; " : "", lines[i]);
    if (w < 0)
      break;
    o += (size_t)w;
  }
  if (!n)
    snprintf(out, cap, "(none)");
}

/* The doc's events as sorted "A1>A2 CAMEO DATE" lines in OUT. */
static void render_doc(const casus_doc *d, char *out, size_t cap) {
  char buf[16][64];
  char *lines[16];
  size_t n = casus_doc_event_count(d);
  if (n > 16)
    n = 16;
  for (size_t i = 0; i < n; i++) {
    const casus_event *ev = casus_doc_event(d, i);
    snprintf(buf[i], sizeof buf[i], "%s>%s %s %s", actor_str(&ev->actor1),
             actor_str(&ev->actor2), ev->cameo, ev->date);
    lines[i] = buf[i];
  }
  join_sorted(lines, n, out, cap);
}

static void render_exp(const coder_case *c, char *out, size_t cap) {
  char buf[4][64];
  char *lines[4];
  size_t n = 0;
  for (; n < 4 && c->ev[n].cameo; n++) {
    const ev_exp *x = &c->ev[n];
    snprintf(buf[n], sizeof buf[n], "%s>%s %s %s", x->a1, x->a2, x->cameo,
             x->date ? x->date : D);
    lines[n] = buf[n];
  }
  join_sorted(lines, n, out, cap);
}

/* ----------------------------------------------------------- invariants */

static bool span_ok(const casus_prov *p, size_t len) {
  return p->start <= p->end && p->end <= len;
}

/* Checks what must hold for every emitted event of D; fails the test
 * naming TEXT otherwise. */
static void check_invariants(const casus_doc *d, const char *text) {
  size_t len = 0;
  const char *t = casus_doc_text(d, &len);
  size_t nsent = casus_doc_sentence_count(d);
  for (size_t i = 0; i < casus_doc_event_count(d); i++) {
    const casus_event *ev = casus_doc_event(d, i);
    if (!ev->mentions || ev->n_mentions < 1)
      fail_msg("\"%s\": event %zu has no mention", text, i);
    assert_int_equal(ev->num_mentions, (int)ev->n_mentions);
    for (size_t k = 0; k < ev->n_mentions; k++) {
      const casus_mention *m = &ev->mentions[k];
      uint32_t ss, se;
      assert_true(m->sentence < nsent);
      assert_int_equal(casus_doc_sentence(d, m->sentence, &ss, &se), 0);
      assert_int_equal(m->start, ss);
      assert_int_equal(m->end, se);
      if (!(m->start <= m->trigger_start &&
            m->trigger_start < m->trigger_end && m->trigger_end <= m->end))
        fail_msg("\"%s\": trigger %u-%u outside sentence %u-%u", text,
                 m->trigger_start, m->trigger_end, m->start, m->end);
      assert_non_null(m->rule);
      assert_string_equal(m->article, casus_doc_article_id(d));
    }
    const casus_actor *as[2] = {&ev->actor1, &ev->actor2};
    for (int k = 0; k < 2; k++) {
      const casus_actor *a = as[k];
      assert_true(span_ok(&a->prov, len));
      /* A span names the source words: the name is their text. */
      if (a->prov.end > a->prov.start) {
        size_t n = a->prov.end - a->prov.start;
        assert_non_null(a->name);
        if (strlen(a->name) != n || memcmp(a->name, t + a->prov.start, n))
          fail_msg("\"%s\": actor%d name \"%s\" is not its span \"%.*s\"",
                   text, k + 1, a->name, (int)n, t + a->prov.start);
      }
      if (a->country)
        assert_int_equal(strlen(a->country), 3);
    }
    assert_non_null(ev->actor1.code);
    long day;
    if (!casus__parse_iso_date(ev->date, &day))
      fail_msg("\"%s\": bad event date \"%s\"", text, ev->date);
    assert_non_null(ev->date_precision);
    assert_non_null(ev->date_prov.rule);
    assert_true(span_ok(&ev->date_prov, len));
    assert_non_null(ev->modality);
    assert_string_equal(ev->modality, "actual");
    assert_non_null(ev->cameo_name);
    assert_true(ev->quad_class >= 1 && ev->quad_class <= 4);
    assert_true(ev->goldstein >= -10.0 && ev->goldstein <= 10.0);
    assert_int_equal(strlen(ev->event_id), 16);
    assert_int_equal(strspn(ev->event_id, "0123456789abcdef"), 16);
    assert_true(span_ok(&ev->place.prov, len));
    assert_true(span_ok(&ev->fatalities.prov, len));
    char *json = NULL;
    assert_int_equal(casus_event_to_json(d, ev, &json), CASUS_OK);
    assert_non_null(json);
    assert_int_equal(json[0], '{');
    assert_non_null(strstr(json, ev->cameo));
    casus_free(json);
  }
  for (size_t i = 0; i < casus_doc_suppressed_count(d); i++) {
    const casus_event *ev = casus_doc_suppressed(d, i);
    assert_non_null(ev->modality);
    if (!strcmp(ev->modality, "actual") && ev->polarity &&
        !strcmp(ev->polarity, "asserted"))
      fail_msg("\"%s\": suppressed event %zu is actual", text, i);
  }
}

static void test_events(void **state) {
  const casus_engine *e = *state;
  size_t bugs = 0, failed = 0;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    const coder_case *c = &cases[i];
    casus_doc *d = NULL;
    assert_int_equal(tu_process(e, c->text, NULL, &d), CASUS_OK);
    char got[1024], want[1024];
    render_doc(d, got, sizeof got);
    render_exp(c, want, sizeof want);
    bool ok = !strcmp(got, want);
    check_invariants(d, c->text);
    casus_doc_free(d);
    if (c->known_bug) {
      char what[1400];
      snprintf(what, sizeof what, "\"%s\" want %s", c->text, want);
      tu_known_bug(what, c->known_bug, got, ok);
      bugs++;
      continue;
    }
    if (!ok) {
      print_error("row %zu \"%s\":\n  got  %s\n  want %s\n", i, c->text,
                  got, want);
      failed++;
    }
  }
  printf("[ INFO     ] %zu coder rows, %zu known bugs\n",
         CASUS_ARRAY_LEN(cases), bugs);
  assert_int_equal(failed, 0);
}

/* ----------------------------------------------------------- provenance */

typedef struct prov_case {
  const char *text;
  const char *trigger;    /* text of mentions[0]'s trigger span */
  const char *actor1;     /* text of actor1.prov */
  const char *actor2;     /* text of actor2.prov, NULL: no span */
  const char *date_rule;
  const char *date_text;  /* text of date_prov, NULL: no span */
  const char *rule;       /* mentions[0].rule */
  uint32_t sentence;
} prov_case;

static const prov_case prov_cases[] = {
  {"Pakistan struck Iran.", "struck", "Pakistan", "Iran", "date:published",
   NULL, "pattern:fight.strike", 0},
  {"Pakistan struck Iran on Thursday.", "struck", "Pakistan", "Iran",
   "date:weekday", "Thursday", "pattern:fight.strike", 0},
  {"Iran struck Pakistan yesterday.", "struck", "Iran", "Pakistan",
   "date:relative-day", "yesterday", "pattern:fight.strike", 0},
  {"Iran struck Pakistan on 16 January 2024.", "struck", "Iran", "Pakistan",
   "date:explicit", "16 January 2024", "pattern:fight.strike", 0},
  {"Tensions rose. Pakistan's foreign ministry condemned Iran.", "condemned",
   "Pakistan's foreign ministry", "Iran", "date:published", NULL,
   "pattern:disapprove.denounce", 1},
  {"Pakistan launched airstrikes on Iran.", "launched airstrikes",
   "Pakistan", "Iran", "date:published", NULL, "pattern:fight.airstrike",
   0},
  {"Iran was hit by Pakistani missiles.", NULL, "Pakistani", "Iran",
   "date:published", NULL, "pattern:fight.passive", 0},
};

/* Asserts that span [s, e) of the doc text reads WANT. */
static void assert_span(const casus_doc *d, uint32_t s, uint32_t e,
                        const char *want, const char *what) {
  size_t len = 0;
  const char *t = casus_doc_text(d, &len);
  assert_true(s <= e && e <= len);
  if (e - s != strlen(want) || memcmp(t + s, want, e - s))
    fail_msg("%s: span \"%.*s\", want \"%s\"", what, (int)(e - s), t + s,
             want);
}

static void test_provenance(void **state) {
  const casus_engine *e = *state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(prov_cases); i++) {
    const prov_case *c = &prov_cases[i];
    casus_doc *d = NULL;
    assert_int_equal(tu_process(e, c->text, NULL, &d), CASUS_OK);
    if (casus_doc_event_count(d) != 1)
      fail_msg("\"%s\": %zu events", c->text, casus_doc_event_count(d));
    const casus_event *ev = casus_doc_event(d, 0);
    const casus_mention *m = &ev->mentions[0];
    assert_int_equal(m->sentence, c->sentence);
    if (c->trigger)
      assert_span(d, m->trigger_start, m->trigger_end, c->trigger, c->text);
    assert_string_equal(m->rule, c->rule);
    assert_span(d, ev->actor1.prov.start, ev->actor1.prov.end, c->actor1,
                c->text);
    assert_non_null(ev->actor1.prov.rule);
    if (c->actor2)
      assert_span(d, ev->actor2.prov.start, ev->actor2.prov.end, c->actor2,
                  c->text);
    assert_string_equal(ev->date_prov.rule, c->date_rule);
    if (c->date_text)
      assert_span(d, ev->date_prov.start, ev->date_prov.end, c->date_text,
                  c->text);
    else
      assert_int_equal(ev->date_prov.start, ev->date_prov.end);
    casus_doc_free(d);
  }
}

/* ------------------------------------------- places and fatalities */

typedef struct detail_case {
  const char *text;
  const char *place_country;  /* ISO2, NULL: no place */
  const char *place_name;
  const char *admin1;
  const char *precision;
  long best, low, women, children, foreign;  /* CASUS_UNKNOWN: none */
  const char *known_bug;
} detail_case;

#define U CASUS_UNKNOWN

static const detail_case details[] = {
  {"Pakistan struck the Iranian city of Kerman.", "IR", "Kerman", NULL,
   "city", U, U, U, U, U, NULL},
  {"Pakistan struck Iran on Thursday, killing at least nine people in the "
   "city of Saravan.", "IR", "Sar\xC4\x81v\xC4\x81n",
   "Sistan and Baluchestan", "city", 9, 9, U, U, U, NULL},
  {"Pakistan struck targets in the city of Saravan in Iran, killing at "
   "least nine people.", "IR", NULL, "Sistan and Baluchestan", "city", 9,
   9, U, U, U, NULL},
  {"Iran struck Pakistan's Balochistan province.", "PK", "Balochistan",
   "Balochistan", "admin1", U, U, U, U, U, NULL},
  /* Erbil is both a city and a governorate: either reading is in IQ. */
  {"Iran struck targets in Iraq's Erbil.", "IQ", "Erbil", NULL, NULL, U, U,
   U, U, U, NULL},
  {"Pakistan struck Iran on Thursday. Three women and four children, all "
   "of whom were non-Iranian, were among the nine people killed.", NULL,
   NULL, NULL, NULL, 9, 9, 3, 4, 7, NULL},
  {"Iran struck Pakistan on Tuesday. Around 90 people were killed.", NULL,
   NULL, NULL, NULL, 90, 90, U, U, U, NULL},
  {"Iran struck Pakistan on Tuesday. The blast wounded 12 people.", NULL,
   NULL, NULL, NULL, U, U, U, U, U, NULL},
  {"Iran was struck by Pakistan on Tuesday.", "IR", NULL, NULL, NULL, U, U,
   U, U, U, NULL},
};

static void test_details(void **state) {
  const casus_engine *e = *state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(details); i++) {
    const detail_case *c = &details[i];
    casus_doc *d = NULL;
    assert_int_equal(tu_process(e, c->text, NULL, &d), CASUS_OK);
    char got[512] = "(no event)";
    bool ok = casus_doc_event_count(d) >= 1;
    if (ok) {
      const casus_event *ev = casus_doc_event(d, 0);
      const casus_place *p = &ev->place;
      const casus_fatalities *f = &ev->fatalities;
      if (c->place_country)
        ok = p->country && !strcmp(p->country, c->place_country) &&
             (!c->place_name ||
              (p->name && !strcmp(p->name, c->place_name))) &&
             (!c->admin1 || (p->admin1 && !strcmp(p->admin1, c->admin1))) &&
             (!c->precision ||
              (p->precision && !strcmp(p->precision, c->precision)));
      ok = ok && f->best == c->best && f->low == c->low &&
           f->women == c->women && f->children == c->children &&
           f->foreign == c->foreign;
      snprintf(got, sizeof got,
               "place %s/%s/%s/%s best %ld low %ld women %ld children %ld "
               "foreign %ld", p->country ? p->country : "-",
               p->name ? p->name : "-", p->admin1 ? p->admin1 : "-",
               p->precision ? p->precision : "-", f->best, f->low, f->women,
               f->children, f->foreign);
    }
    check_invariants(d, c->text);
    casus_doc_free(d);
    if (c->known_bug) {
      tu_known_bug(c->text, c->known_bug, got, ok);
      continue;
    }
    if (!ok)
      fail_msg("details row %zu \"%s\": got %s", i, c->text, got);
  }
}

/* An event's id is the FNV-1a hash of "article|sentence|trigger start|
 * cameo|code1|code2" cut to 255 bytes, as 16 lower-case hex digits: the
 * same as snprintf gives, for short and very long article ids. */
static void test_event_ids(void **state) {
  const casus_engine *e = *state;
  static const struct {
    const char *text;
    size_t idlen;   /* length of the article id ("aaa...") */
    size_t events;  /* at least this many events */
  } rows[] = {
    {"China urged Pakistan and Iran to exercise restraint.", 2, 2},
    {"Iran called on Pakistan to de-escalate. Pakistan struck Iran on "
     "Tuesday.", 40, 2},
    {"China urged Pakistan and Iran to exercise restraint.", 240, 2},
    {"China urged Pakistan and Iran to exercise restraint.", 300, 2},
  };
  for (size_t r = 0; r < CASUS_ARRAY_LEN(rows); r++) {
    char id[400];
    memset(id, 'a', rows[r].idlen);
    id[rows[r].idlen] = '\0';
    casus_article a;
    casus_error err;
    memset(&a, 0, sizeof a);
    a.id = id;
    a.published = (char *)TU_PUBLISHED;
    a.language = (char *)"en";
    a.text = (char *)rows[r].text;
    a.text_len = strlen(rows[r].text);
    casus_doc *d = NULL;
    assert_int_equal(casus_doc_process(e, &a, &d, &err), CASUS_OK);
    assert_true(casus_doc_event_count(d) >= rows[r].events);
    for (size_t i = 0; i < casus_doc_event_count(d); i++) {
      const casus_event *ev = casus_doc_event(d, i);
      assert_true(ev->n_mentions >= 1);
      char key[1024], want[24];
      snprintf(key, sizeof key, "%s|%u|%u|%s|%s|%s", id,
               (unsigned)ev->mentions[0].sentence,
               (unsigned)ev->mentions[0].trigger_start, ev->cameo,
               ev->actor1.code ? ev->actor1.code : "",
               ev->actor2.code ? ev->actor2.code : "");
      size_t kl = strlen(key);
      if (kl > 255) /* the coder cuts the key to 255 bytes */
        kl = 255;
      snprintf(want, sizeof want, "%016llx",
               (unsigned long long)casus__hash(key, kl));
      assert_string_equal(ev->event_id, want);
    }
    casus_doc_free(d);
  }
}

/* ------------------------------------------------------------- errors */

static void test_bad_articles(void **state) {
  const casus_engine *e = *state;
  static const struct {
    const char *pub, *text;
    int rc;
  } rows[] = {
    {"2024-13-01", "Pakistan struck Iran.", CASUS_EDATE},
    {"yesterday", "Pakistan struck Iran.", CASUS_EDATE},
    {"2024-01-18", "", CASUS_EEMPTY},
    {"2024-01-18T09:30:00Z", "Pakistan struck Iran.", CASUS_OK},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(rows); i++) {
    casus_article a;
    casus_error err;
    memset(&a, 0, sizeof a);
    a.id = (char *)"bad";
    a.published = (char *)rows[i].pub;
    a.language = (char *)"en";
    a.text = (char *)rows[i].text;
    a.text_len = strlen(rows[i].text);
    casus_doc *d = (casus_doc *)&a; /* must be reset to NULL on error */
    int rc = casus_doc_process(e, &a, &d, &err);
    assert_int_equal(rc, rows[i].rc);
    if (rc) {
      assert_null(d);
      assert_int_equal(err.code, rc);
      assert_true(err.msg[0] != '\0');
    } else {
      assert_int_equal(casus_doc_event_count(d), 1);
      assert_string_equal(casus_doc_event(d, 0)->date, D);
    }
    casus_doc_free(rc ? NULL : d);
  }
}

/* ---------------------------------------------------------------- OOM */

/* Fails each allocation of casus_doc_process in turn: every run returns
 * CASUS_ENOMEM with no doc and nothing leaked, until one succeeds. */
static void test_oom_process(void **state) {
  const casus_engine *e = *state;
  static const char *const text =
      "Pakistan struck Iran on Thursday, killing at least nine people in "
      "the city of Saravan. Iran condemned the strikes and summoned "
      "Pakistan's envoy. China offered to mediate between Pakistan and "
      "Iran.";
  long k;
  for (k = 0; k < 5000; k++) {
    casus_doc *d = NULL;
    tu_alloc_install(k);
    int rc = tu_process(e, text, NULL, &d);
    if (rc == CASUS_OK) {
      size_t n = casus_doc_event_count(d);
      casus_doc_free(d);
      long live = tu_live;
      tu_alloc_restore();
      assert_int_equal(live, 0);
      assert_true(n >= 3);
      break;
    }
    long live = tu_live;
    tu_alloc_restore();
    if (rc != CASUS_ENOMEM)
      fail_msg("fail after %ld: rc %d (%s), want CASUS_ENOMEM", k, rc,
               casus_strerror(rc));
    assert_null(d);
    if (live)
      fail_msg("fail after %ld allocations: %ld blocks leaked", k, live);
  }
  assert_true(k > 2 && k < 5000);
  printf("[ INFO     ] casus_doc_process: %ld allocations\n", k);
}

/* Fails allocation K of casus_engine_open for K spread geometrically over
 * the whole load: a clean CASUS_ENOMEM, no engine, nothing leaked. */
static void test_oom_engine_open(void **state) {
  (void)state;
  long k = 0;
  int runs = 0;
  for (;;) {
    casus_engine *e = NULL;
    casus_error err;
    tu_alloc_install(k);
    int rc = casus_engine_open(CASUS_DATADIR, &e, &err);
    long calls = tu_calls;
    if (rc == CASUS_OK) {
      casus_engine_close(e);
      long live = tu_live;
      tu_alloc_restore();
      assert_int_equal(live, 0);
      break;
    }
    long live = tu_live;
    tu_alloc_restore();
    if (rc != CASUS_ENOMEM)
      fail_msg("fail after %ld: rc %d (%s: %s), want CASUS_ENOMEM", k, rc,
               casus_strerror(rc), err.msg);
    assert_null(e);
    assert_int_equal(err.code, CASUS_ENOMEM);
    if (live)
      fail_msg("fail after %ld allocations: %ld blocks leaked", k, live);
    runs++;
    assert_true(calls > k);
    k = k < 16 ? k + 1 : k + k / 3;
  }
  assert_true(runs > 16);
  printf("[ INFO     ] casus_engine_open: %d failing runs, up to %ld\n", runs,
         k);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_events),
    cmocka_unit_test(test_provenance),
    cmocka_unit_test(test_details),
    cmocka_unit_test(test_event_ids),
    cmocka_unit_test(test_bad_articles),
    cmocka_unit_test(test_oom_process),
    cmocka_unit_test(test_oom_engine_open),
  };
  return cmocka_run_group_tests(tests, tu_engine_setup, tu_engine_teardown);
}
