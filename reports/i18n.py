"""Every heading and fixed phrase of the reports in Finnish and Swedish (Varha is bilingual), and the names of
the codes the marts carry. A code without a name here is shown as the mart's own Finnish name, never raw.

Swedish names of Varha's bodies and service areas are translations made here [I]: confirm them against Varha's
Swedish pages before the package goes out in Swedish."""

from __future__ import annotations

from sources.reference import phenomena

LANGUAGES = ("fi", "sv")

COUNTY = {"fi": "Varsinais-Suomen hyvinvointialue (Varha)", "sv": "Egentliga Finlands välfärdsområde (Varha)"}
PHENOMENA = tuple(p.code for p in phenomena())  # seed phenomena: the one home of the four and their names


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "phenomenon": {
        **{p.code: (_capitalised(p.name_fi), _capitalised(p.name_sv)) for p in phenomena()},
        "other": ("Muut havainnot", "Övriga observationer"),
        "all": ("Kaikki", "Alla"),
        "none": ("Ei ilmiötä", "Inget fenomen"),
    },
    "valence": {
        "negative": ("Epäkohta", "Missförhållande"),
        "weak_signal": ("Heikko signaali", "Svag signal"),
        "positive": ("Hyvä käytäntö", "God praxis"),
    },
    "handling_status": {
        "received": ("Vastaanotettu", "Mottaget"),
        "in_progress": ("Käsittelyssä", "Under behandling"),
        "forwarded": ("Välitetty eteenpäin", "Vidarebefordrat"),
        "feedback_given": ("Palaute annettu", "Respons given"),
        "closed": ("Suljettu", "Avslutat"),
    },
    "evaluation_status": {
        "on_track": ("Edennyt tavoitteen suuntaan", "Framsteg mot målet"),
        "no_change": ("Ei muutosta", "Ingen förändring"),
        "worse": ("Heikentynyt", "Försämrats"),
        "too_early": ("Liian aikaista arvioida", "För tidigt att bedöma"),
        "no_decision": ("Ei vielä päätöstä", "Inget beslut ännu"),
        "not_assessable": ("Ei arvioitavissa", "Kan inte bedömas"),
    },
    "need_status": {
        "open": ("Avoin", "Öppet"),
        "in_progress": ("Työn alla", "Under arbete"),
        "met": ("Täytetty", "Tillgodosett"),
        "dropped": ("Luovuttu", "Avskrivet"),
    },
    "body": {
        "sosiaali_ja_vammaispalvelujen_johtoryhma": ("Sosiaali- ja vammaispalvelujen johtoryhmä",
                                                     "Ledningsgruppen för social- och handikappservice"),
        "sote_palveluiden_johtoryhma": ("Sote-palveluiden johtoryhmä",
                                        "Ledningsgruppen för social- och hälsovårdstjänster"),
        "sote_palvelulautakunta": ("Sote-palvelulautakunta", "Nämnden för social- och hälsovårdstjänster"),
    },
    "source": {  # marts and sources an analyst or a need refers to
        "social_reporting": ("Sosiaalinen raportointi", "Social rapportering"),
        "development_proposals": ("Kehittämisehdotukset", "Utvecklingsförslag"),
        "client_feedback": ("Asiakaspalaute", "Kundrespons"),
        "client_panels": ("Asiakasraadit ja kansalaisfoorumit", "Klientråd och medborgarforum"),
        "complaint_cases": ("Muistutukset, kantelut ja epäkohtailmoitukset",
                            "Anmärkningar, klagomål och anmälningar om missförhållanden"),
        "complaints": ("Muistutukset, kantelut ja epäkohtailmoitukset",
                       "Anmärkningar, klagomål och anmälningar om missförhållanden"),
        "client_register": ("Asiakasrekisteri", "Klientregistret"),
        "instrument_use": ("Arviointivälineet", "Bedömningsinstrument"),
        "national_comparison": ("Valtakunnallinen vertailu", "Nationell jämförelse"),
        "plan_follow_up": ("Toimeenpanosuunnitelman seuranta", "Uppföljning av genomförandeplanen"),
        "measures_follow_up": ("Toimenpiteiden seuranta", "Uppföljning av åtgärder"),
        "professional_signals": ("Ammattilaisten signaalit", "Yrkesutbildades signaler"),
    },
    "plan_status": {
        "in_use": ("Käytössä", "I bruk"),
        "in_preparation": ("Valmisteilla", "Under beredning"),
        "not_settled": ("Ei selvillä", "Oklart"),
    },
    "service_area": {
        "aikuissosiaalityo": ("Aikuissosiaalityö", "Socialt arbete för vuxna"),
        "ikaantyneet": ("Ikääntyneiden palvelut", "Tjänster för äldre"),
        "lapsiperheet": ("Lapsiperheiden sosiaalipalvelut", "Socialservice för barnfamiljer"),
        "lastensuojelu": ("Lastensuojelu", "Barnskydd"),
        "maahanmuuttajat": ("Maahanmuuttajien palvelut", "Tjänster för invandrare"),
        "mielenterveys_paihde": ("Mielenterveys- ja päihdepalvelut (sosiaalityö)",
                                 "Mentalvårds- och missbrukartjänster (socialt arbete)"),
        "sosiaalipaivystys": ("Sosiaalipäivystys", "Socialjour"),
        "vammaispalvelut": ("Vammaispalvelut", "Handikappservice"),
    },
    "case_type": {
        "muistutus": ("Muistutus", "Anmärkning"),
        "kantelu": ("Kantelu", "Klagan"),
        "kantelu_muistutuksena": ("Kantelu muistutuksena", "Klagan behandlad som anmärkning"),
        "epakohtailmoitus": ("Epäkohtailmoitus", "Anmälan om missförhållanden"),
    },
    "panel_type": {
        "asiakasraati": ("Asiakasraati", "Klientråd"),
        "kansalaisfoorumi": ("Kansalaisfoorumi", "Medborgarforum"),
        "all": ("Kaikki", "Alla"),
    },
}

TEXT: dict[str, tuple[str, str]] = {
    # the package
    "half_year_title": ("Rakenteellinen sosiaalityö – puolivuotisraportti {period}",
                        "Strukturellt socialt arbete – halvårsrapport {period}"),
    "half_year_lead": (
        "Sosiaalihuoltolain 7 §:n mukainen rakenteellinen sosiaalityö tuottaa asiakastyöstä tietoa päätöksenteon "
        "tueksi. Tämä raportti kokoaa kauden {label} tiedot neljästä valtakunnallisen mallin ilmiöstä: "
        "ammattilaisten havainnot, asiakastiedon signaalit, tilastot ja niiden pohjalta tehdyt päätökset ja "
        "toimenpiteet.",
        "Det strukturella sociala arbetet enligt 7 § i socialvårdslagen tar fram kunskap ur klientarbetet som stöd "
        "för beslutsfattandet. Rapporten sammanställer uppgifterna för perioden {label} om de fyra fenomenen i den "
        "nationella modellen: yrkesutbildade personers observationer, signaler från klientdata, statistik och de "
        "beslut och åtgärder som bygger på dem."),
    "data_until": ("Tiedot {date} asti.", "Uppgifterna till och med {date}."),
    "contents": ("Sisältö", "Innehåll"),
    "privacy_title": ("Tietosuoja.", "Dataskydd."),
    "privacy_note": (
        "Merkintä – tarkoittaa tietosuojan vuoksi peitettyä lukua: joko luku perustuu alle {t} henkilöön tai "
        "tapaukseen, tai siitä voisi muiden julkaistujen lukujen avulla päätellä pienen luvun. Kaikki peitetyt "
        "luvut näytetään samalla merkinnällä, eikä niitä ole piirretty kuvioihin. Raportti on tehty vain "
        "julkaistusta, tietosuojatusta aineistosta.",
        "Tecknet – betyder ett tal som döljs av dataskyddsskäl: antingen bygger talet på färre än {t} personer "
        "eller fall, eller så kunde ett litet tal härledas ur andra publicerade tal. Alla dolda tal visas med "
        "samma tecken och ritas inte i figurerna. Rapporten bygger enbart på det publicerade, skyddade "
        "materialet."),
    "footer": ("Lähde: {county}, rakenteellisen sosiaalityön tietovarannon julkaistu aineisto ({file}). "
               "Pienten lukujen raja {t}.",
               "Källa: {county}, det publicerade materialet i kunskapslagret för strukturellt socialt arbete "
               "({file}). Gräns för små tal {t}."),
    "no_data": ("Tietoa ei ole julkaistu ({mart}).", "Inga uppgifter har publicerats ({mart})."),
    "finnish_only": ("(suomeksi)", "(på finska)"),
    # sections
    "sec_key_messages": ("Keskeiset viestit ilmiöittäin", "Huvudbudskap per fenomen"),
    "sec_social_reporting": ("Sosiaalinen raportointi", "Social rapportering"),
    "sec_client_signals": ("Asiakastiedon signaalit", "Signaler från klientdata"),
    "sec_statistics": ("Tilastot: Varha valtakunnallisessa vertailussa",
                       "Statistik: Varha i den nationella jämförelsen"),
    "sec_decisions": ("Ehdotukset ja toimielinten päätökset", "Förslag och organens beslut"),
    "sec_measures": ("Toimenpiteet ja niiden seuranta", "Åtgärder och uppföljning"),
    "sec_plan": ("Toimeenpanosuunnitelman seuranta", "Uppföljning av genomförandeplanen"),
    "sec_information_needs": ("Tietotarpeet", "Informationsbehov"),
    # key messages
    "km_statistics": ("Tilastot", "Statistik"),
    "km_indicator": ("{name}: {value} ({year}), sija {rank} / {areas}, kehitys viidessä vuodessa: {trend}.",
                     "{name}: {value} ({year}), plats {rank} / {areas}, utveckling under fem år: {trend}."),
    "km_indicator_norank": ("{name}: {value} ({year}), kehitys viidessä vuodessa: {trend}.",
                            "{name}: {value} ({year}), utveckling under fem år: {trend}."),
    "km_no_statistics": ("Ilmiöstä ei ole kansallisesti vertailukelpoisia tilastoja julkaistussa aineistossa.",
                         "Det finns ingen nationellt jämförbar statistik om fenomenet i det publicerade "
                         "materialet."),
    "km_social_reports": ("Sosiaalisen raportoinnin havaintoja {now} (edellinen kausi {before}){change}.",
                          "Observationer i den sociala rapporteringen {now} (föregående period {before}){change}."),
    "km_social_reports_first": ("Sosiaalisen raportoinnin havaintoja {now}.",
                                "Observationer i den sociala rapporteringen {now}."),
    "evidence": ("Perusteet", "Underlag"),
    "km_open_proposals": ("Avoimia kehittämisehdotuksia {n}.", "Öppna utvecklingsförslag {n}."),
    "km_open_proposals_few": ("Avoimia kehittämisehdotuksia alle {t}.", "Öppna utvecklingsförslag färre än {t}."),
    "km_open_proposals_none": ("Ei avoimia kehittämisehdotuksia.", "Inga öppna utvecklingsförslag."),
    "km_measures": ("Toimenpiteiden seuranta", "Uppföljning av åtgärder"),
    "km_no_measures": ("Ilmiöön ei ole kirjattu toimenpiteitä seurattavaksi.",
                       "Inga åtgärder har registrerats för uppföljning inom fenomenet."),
    "km_synthesis": ("Analyytikon synteesi", "Analytikerns syntes"),
    "km_no_synthesis": ("Analyytikko ei ole antanut synteesiä tälle kaudelle.",
                        "Analytikern har inte gett någon syntes för perioden."),
    "km_recommendation": ("Suositeltu toimenpide:", "Rekommenderad åtgärd:"),
    "km_rank_note": ("Sija 1 on alueista paras indikaattorin suunnan mukaan (22 aluetta: 21 hyvinvointialuetta "
                     "ja Helsinki).",
                     "Plats 1 är bäst av områdena enligt indikatorns riktning (22 områden: 21 välfärdsområden och "
                     "Helsingfors)."),
    # trend words (direction-aware)
    "trend_better": ("parantunut", "förbättrats"),
    "trend_worse": ("heikentynyt", "försämrats"),
    "trend_up": ("kasvanut", "ökat"),
    "trend_down": ("laskenut", "minskat"),
    "trend_stable": ("ennallaan", "oförändrad"),
    "trend_unknown": ("ei tiedossa", "okänd"),
    "change_up": (", kasvua {pct}", ", en ökning med {pct}"),
    "change_down": (", vähennystä {pct}", ", en minskning med {pct}"),
    "direction_higher_is_worse": ("suurempi on huonompi", "högre är sämre"),
    "direction_higher_is_better": ("suurempi on parempi", "högre är bättre"),
    "direction_neutral": ("toiminnan määrä", "verksamhetens volym"),
    # social reporting
    "sr_intro": (
        "Ammattilaisten havainnot asiakastyöstä, luokiteltuna valtakunnallisen mallin neljään ilmiöön. Sama havainto "
        "voi koskea useaa ilmiötä, joten ilmiöiden luvut eivät summaudu kaikkien havaintojen määrään. Epäkohta on "
        "korjausta vaativa ongelma, heikko signaali orastava tai toistuva ilmiö ja hyvä käytäntö jaettavaksi sopiva "
        "onnistuminen.",
        "Yrkesutbildade personers observationer från klientarbetet, indelade i de fyra fenomenen i den nationella "
        "modellen. Samma observation kan gälla flera fenomen, så fenomenens tal summeras inte till antalet "
        "observationer. Ett missförhållande är ett problem som ska åtgärdas, en svag signal ett begynnande eller "
        "återkommande fenomen och en god praxis en framgång som kan spridas."),
    "sr_summary": ("Kaudella kirjattiin {now} havaintoa (edellinen kausi {previous}: {before}).",
                   "Under perioden registrerades {now} observationer (föregående period {previous}: {before})."),
    "sr_summary_first": ("Kaudella kirjattiin {now} havaintoa.", "Under perioden registrerades {now} observationer."),
    "sr_by_phenomenon": ("Havainnot ilmiöittäin", "Observationer per fenomen"),
    "sr_trend": ("Kehitys puolivuotiskausittain", "Utveckling per halvår"),
    "sr_trend_note": ("Määrä kertoo myös siitä, kuinka aktiivisesti havaintoja on raportoitu, ei pelkästään ilmiön "
                      "yleisyydestä.",
                      "Antalet visar också hur aktivt observationer har rapporterats, inte bara hur vanligt "
                      "fenomenet är."),
    "sr_by_area": ("Havainnot palvelualueittain", "Observationer per serviceområde"),
    "sr_open_proposals": ("Avoimet kehittämisehdotukset", "Öppna utvecklingsförslag"),
    "sr_open_proposals_note": ("Ehdotukset, joiden käsittely on kesken kauden lopussa, vanhimmat ensin. Tekstistä "
                               "on poistettu henkilötunnukset, puhelinnumerot ja sähköpostiosoitteet.",
                               "Förslag vars behandling pågår vid periodens slut, de äldsta först. "
                               "Personbeteckningar, telefonnummer och e-postadresser har tagits bort ur texten."),
    "sr_no_open_proposals": ("Julkaistavissa olevia avoimia kehittämisehdotuksia ei ole.",
                             "Det finns inga öppna utvecklingsförslag som kan publiceras."),
    "age_unknown": ("ei tiedossa", "okänt"),
    "age_week": ("alle viikon", "under en vecka"),
    "age_month": ("alle kuukauden", "under en månad"),
    "age_over_month": ("yli kuukauden", "över en månad"),
    "age_over_quarter": ("yli kolme kuukautta", "över tre månader"),
    "age_over_half_year": ("yli puoli vuotta", "över ett halvår"),
    "age_over_year": ("yli vuoden", "över ett år"),
    "observations": ("Havaintoja (kpl)", "Observationer (st.)"),
    # client signals
    "cs_intro": ("Asiakkaiden oma ääni: muistutukset, kantelut ja epäkohtailmoitukset, asiakaspalaute sekä "
                 "asiakasraatien ja kansalaisfoorumien kokoontumiset.",
                 "Klienternas egen röst: anmärkningar, klagomål och anmälningar om missförhållanden, kundrespons "
                 "samt klientrådens och medborgarforumens möten."),
    "cs_complaints": ("Muistutukset, kantelut ja epäkohtailmoitukset ilmiöittäin",
                      "Anmärkningar, klagomål och anmälningar om missförhållanden per fenomen"),
    "cs_feedback": ("Asiakaspalaute palvelualueittain", "Kundrespons per serviceområde"),
    "cs_feedback_phenomenon": ("Asiakaspalaute ilmiöittäin", "Kundrespons per fenomen"),
    "cs_panels": ("Asiakasraadit, kansalaisfoorumit ja muut osallisuuden ryhmät",
                  "Klientråd, medborgarforum och andra delaktighetsgrupper"),
    "cases": ("Tapauksia", "Fall"),
    "feedback_count": ("Palautteita", "Responser"),
    "mean_rating": ("Arvosanan keskiarvo (1–5)", "Medelvärde för betyget (1–5)"),
    "low_rating_share": ("Heikkojen arvosanojen osuus", "Andel låga betyg"),
    "feedback_items": ("Palautteita", "Responser"),
    "panel_type": ("Ryhmä", "Grupp"),
    "meetings": ("Kokoontumisia", "Möten"),
    "participants": ("Osallistujia", "Deltagare"),
    "theme_mentions": ("Ilmiön mainintoja", "Omnämnanden av fenomenet"),
    # statistics
    "st_intro": ("Varhan viimeisin arvo ja sija 22 alueen joukossa (1 = paras indikaattorin suunnan mukaan) sekä "
                 "viiden vuoden kehitys. Värit seuraavat suuntaa: vihreä on parempaan, punainen huonompaan päin; "
                 "toiminnan määriä ei arvoteta.",
                 "Varhas senaste värde och plats bland 22 områden (1 = bäst enligt indikatorns riktning) samt "
                 "utvecklingen under fem år. Färgerna följer riktningen: grönt är bättre, rött sämre; "
                 "verksamhetsvolymer värderas inte."),
    "indicator": ("Indikaattori", "Indikator"),
    "year": ("Vuosi", "År"),
    "county_value": ("Varha", "Varha"),
    "country_value": ("Koko maa", "Hela landet"),
    "rank": ("Sija", "Plats"),
    "trend_5y": ("Kehitys 5 v", "Utveckling 5 år"),
    "direction": ("Suunta", "Riktning"),
    "no_statistics": ("Ei kansallisesti vertailukelpoisia indikaattoreita.",
                      "Inga nationellt jämförbara indikatorer."),
    # decisions and measures
    "dc_intro": ("Kehittämisehdotukset ja teemat, jotka on viety johtoryhmiin ja lautakuntaan, ja mitä niistä "
                 "päätettiin.",
                 "Utvecklingsförslag och teman som förts till ledningsgrupperna och nämnden, och vad som beslöts."),
    "dc_decided": ("Päätökset", "Beslut"),
    "dc_waiting": ("Käsittelyä odottavat ehdotukset", "Förslag som väntar på behandling"),
    "dc_none": ("Toimielimiin vietyjä ehdotuksia ei ole kirjattu.",
                "Inga förslag som förts till organen har registrerats."),
    "dc_none_waiting": ("Kaikki kirjatut ehdotukset on käsitelty.", "Alla registrerade förslag har behandlats."),
    "body": ("Toimielin", "Organ"),
    "meeting_date": ("Kokous", "Möte"),
    "topic": ("Aihe", "Ämne"),
    "proposal": ("Ehdotus", "Förslag"),
    "decision": ("Päätös", "Beslut"),
    "phenomenon": ("Ilmiö", "Fenomen"),
    "period": ("Kausi", "Period"),
    "service_area": ("Palvelualue", "Serviceområde"),
    "status": ("Tila", "Status"),
    "open_for": ("Avoinna", "Öppet sedan"),
    "total": ("Yhteensä", "Totalt"),
    "ms_intro": ("Päätetyt toimenpiteet, vastuutaho ja seurattava indikaattori: lähtötaso, seuranta-arvo ja arvio. "
                 "Arvio seuraa indikaattorin suuntaa, ja Varhan muutosta verrataan koko maan muutokseen.",
                 "Beslutade åtgärder, ansvarig enhet och indikatorn som följs upp: utgångsläge, uppföljningsvärde och "
                 "bedömning. Bedömningen följer indikatorns riktning, och Varhas förändring jämförs med hela "
                 "landets."),
    "ms_none": ("Seurattavia toimenpiteitä ei ole kirjattu.", "Inga åtgärder för uppföljning har registrerats."),
    "measure": ("Toimenpide", "Åtgärd"),
    "responsible_unit": ("Vastuutaho", "Ansvarig"),
    "review_date": ("Seuranta", "Uppföljning"),
    "baseline": ("Lähtötaso", "Utgångsläge"),
    "followup": ("Seuranta-arvo", "Uppföljningsvärde"),
    "county_change": ("Muutos, Varha", "Förändring, Varha"),
    "national_change": ("Muutos, koko maa", "Förändring, hela landet"),
    "evaluation": ("Arvio", "Bedömning"),
    "no_indicator": ("ei indikaattoria", "ingen indikator"),
    # information needs
    "in_intro": ("Tietotarpeet, jotka on tunnistettu johtamisessa ja asiakastyössä, ja mistä tieto on saatu.",
                 "Informationsbehov som identifierats i ledningen och i klientarbetet, och varifrån uppgifterna "
                 "fåtts."),
    "in_none": ("Tietotarpeita ei ole kirjattu.", "Inga informationsbehov har registrerats."),
    "need": ("Tietotarve", "Informationsbehov"),
    "raised_by": ("Esittäjä", "Framfört av"),
    "raised_on": ("Esitetty", "Framfört"),
    "status_date": ("Tila alkaen", "Status sedan"),
    "met_by": ("Tiedon lähde", "Källa"),
    # plan
    "pl_intro": ("Rakenteellisen sosiaalityön toimeenpanosuunnitelman 2025–2029 toimenpiteiden tilanne {date} "
                 "päivitetyn version mukaan: {in_use} / {actions} toimenpidettä käytössä ({share})",
                 "Läget för åtgärderna i genomförandeplanen för strukturellt socialt arbete 2025–2029 enligt "
                 "versionen uppdaterad {date}: {in_use} / {actions} åtgärder i bruk ({share})"),
    "pl_previous": ("; edellisessä versiossa {date} {in_use} / {actions} ({share})",
                    "; i föregående version {date} {in_use} / {actions} ({share})"),
    "pl_waiting": (" Tila on vielä selvittämättä {n} toimenpiteellä; pisimmillään tila on ollut sama {days} päivää.",
                   " Statusen är ännu oklar för {n} åtgärder; som längst har statusen varit densamma i {days} "
                   "dagar."),
    "pl_unavailable": ("Seurantatietoa ei ole vielä saatavilla.", "Uppföljningsdata finns ännu inte."),
    "pl_goals": ("Eteneminen tavoitteittain", "Framsteg per mål"),
    "pl_chart": ("Toimenpiteet tavoitteittain tilan mukaan", "Åtgärder per mål enligt status"),
    "pl_in_use_suffix": ("käytössä", "i bruk"),
    "pl_actions": ("Toimenpiteitä", "Åtgärder"),
    "pl_goal": ("Tavoite", "Mål"),
    "pl_share_in_use": ("Käytössä-osuus", "Andel i bruk"),
    "pl_changes": ("Muutokset viimeisimmässä versiossa", "Ändringar i den senaste versionen"),
    "pl_one_version": ("Suunnitelmasta on toistaiseksi vain yksi versio.", "Av planen finns hittills en version."),
    "pl_no_changes": ("Toimenpiteiden tiloissa ei ole muutoksia edelliseen versioon.",
                      "Åtgärdernas status har inte ändrats sedan föregående version."),
    "pl_action": ("Toimenpide", "Åtgärd"),
    "pl_change": ("Muutos", "Ändring"),
    "pl_since": ("Tila alkaen", "Status sedan"),
    "pl_evidence": ("Tietokierto: toimenpiteiden seurantatieto", "Kunskapscykeln: uppföljningsdata för åtgärderna"),
    "pl_no_evidence": ("Toimenpiteisiin ei ole vielä liitetty seurantatietoa.",
                       "Inga uppföljningsdata har ännu kopplats till åtgärderna."),
    "pl_evidence_name": ("Seurantatieto", "Uppföljningsdata"),
    "pl_value": ("Arvo", "Värde"),
    "pl_at_least": ("vähintään {value}", "minst {value}"),
    "pl_reappeared_changed": ("Palasi versioon, tila muuttui: {before} → {after}",
                              "Återkom i versionen, statusen ändrades: {before} → {after}"),
    "pl_changed": ("{before} → {after}", "{before} → {after}"),
    "pl_added": ("Uusi toimenpide ({status})", "Ny åtgärd ({status})"),
    "pl_removed": ("Puuttuu versiosta (oli {status}): poistettu tai rivi hylätty tarkistuksessa",
                   "Saknas i versionen (var {status}): struken eller raden avvisad vid granskningen"),
    "pl_reappeared": ("Palasi versioon ({status})", "Återkom i versionen ({status})"),
    "pl_wording": ("Sanamuoto tarkentui", "Formuleringen preciserades"),
    # the yearly package
    "yearly_title": ("Hyvinvointikertomuksen aineisto {year}: rakenteellinen sosiaalityö",
                     "Material för välfärdsberättelsen {year}: strukturellt socialt arbete"),
    "yearly_lead": ("Vuoden {year} tiedot neljästä ilmiöstä hyvinvointikertomusta varten: tilastot valtakunnallisessa "
                    "vertailussa ja hyvinvointialueen oma tieto (sosiaalinen raportointi, muistutukset ja kantelut, "
                    "asiakaspalaute, asiakasraadit, asiakasrekisteri). Vuositiedot on laskettu ja suojattu "
                    "vuositasolla. Taulukot ovat tiedostossa taulukot.xlsx ja kuviot kansiossa kuviot (PNG ja SVG).",
                    "Uppgifterna för år {year} om de fyra fenomenen för välfärdsberättelsen: statistik i den "
                    "nationella jämförelsen och välfärdsområdets egen kunskap (social rapportering, anmärkningar och "
                    "klagomål, kundrespons, klientråd, klientregistret). Årsuppgifterna har beräknats och skyddats på "
                    "årsnivå. Tabellerna finns i filen taulukot.xlsx och figurerna i mappen kuviot (PNG och SVG)."),
    "yr_statistics": ("Tilastot valtakunnallisessa vertailussa", "Statistik i den nationella jämförelsen"),
    "yr_own": ("Hyvinvointialueen oma tieto", "Välfärdsområdets egen kunskap"),
    "yr_social_reporting": ("Sosiaalisen raportoinnin havainnot ilmiöittäin",
                            "Observationer i den sociala rapporteringen per fenomen"),
    "yr_complaints": ("Muistutukset, kantelut ja epäkohtailmoitukset", "Anmärkningar, klagomål och anmälningar"),
    "yr_register": ("Asiakasrekisterin ja arviointivälineiden indikaattorit",
                    "Indikatorer från klientregistret och bedömningsinstrumenten"),
    "yr_compact_note": ("Taulukossa ovat rivit, joilla on vähintään yksi julkaistu nollasta poikkeava luku; kaikki "
                        "rivit ovat tiedostossa taulukot.xlsx.",
                        "Tabellen visar raderna med minst ett publicerat tal som inte är noll; alla rader finns i "
                        "filen taulukot.xlsx."),
    "case_type": ("Asian laji", "Ärendetyp"),
    "decided": ("Ratkaistu", "Avgjorda"),
    "overdue": ("Määräajan ylittäneet", "Över tidsfristen"),
    "median_days": ("Käsittelyaika, mediaani (pv)", "Handläggningstid, median (dagar)"),
    "value": ("Arvo", "Värde"),
    "unit": ("Yksikkö", "Enhet"),
    "source": ("Lähde", "Källa"),
    "chart_county_vs_country": ("{name}: Varha ja koko maa", "{name}: Varha och hela landet"),
    "chart_sr_year": ("Sosiaalisen raportoinnin havainnot ilmiöittäin {year}",
                      "Observationer i den sociala rapporteringen per fenomen {year}"),
    "chart_complaints_year": ("Muistutukset, kantelut ja epäkohtailmoitukset ilmiöittäin {year}",
                              "Anmärkningar, klagomål och anmälningar per fenomen {year}"),
    "chart_sr_half": ("Havainnot ilmiöittäin, {period}", "Observationer per fenomen, {period}"),
    "chart_sr_trend": ("Havainnot puolivuotiskausittain", "Observationer per halvår"),
    "figures": ("Kuviot", "Figurer"),
    "tables": ("Taulukot", "Tabeller"),
}

UNITS = {"percent": ("%", "%"), "per_1000": ("/ 1 000 asukasta", "/ 1 000 invånare"),
         "per_100000": ("/ 100 000 asukasta", "/ 100 000 invånare"), "count": ("lkm", "antal"),
         "score": ("pisteet", "poäng")}


class Texts:
    """The phrases of one language: `t("key", **values)`, `t.name("phenomenon", code, fallback)`."""

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"unknown report language {lang!r} (known: {', '.join(LANGUAGES)})")
        self.lang = lang
        self.index = LANGUAGES.index(lang)

    def __call__(self, key: str, **values) -> str:
        text = TEXT[key][self.index]
        return text.format(**values) if values else text

    def name(self, kind: str, code: str | None, fallback: str | None = None) -> str:
        """The name of a code; the mart's own (Finnish) name, or the code itself, when this table has none."""
        if code is None:
            return fallback or ""
        pair = NAMES[kind].get(code)
        if pair:
            return pair[self.index]
        return fallback or code

    def unit(self, unit: str | None) -> str:
        return UNITS.get(unit or "", (unit or "", unit or ""))[self.index]

    @property
    def county(self) -> str:
        return COUNTY[self.lang]
