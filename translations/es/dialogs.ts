<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>BookPlanDialog</name>
    <message>
        <source>Book</source>
        <translation>Agendar</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Reason (outside the window)</source>
        <translation>Motivo (fuera de la ventana)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>&amp;Book</source>
        <extracomment>The last study day of the default span: screening, conditioning and Days 1 to 4. What was typed in each row (by visit), kept while the span changes: a row the other span does not show keeps its date, time, reason and tick for when it is shown again.</extracomment>
        <translation>A&amp;gendar</translation>
    </message>
    <message>
        <source>Fixed: it moves with the conditioning start or the recorded infusion</source>
        <translation>Fija: se mueve con el inicio del acondicionamiento o con la infusión registrada</translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation>HH:MM</translation>
    </message>
    <message>
        <source>only outside the window</source>
        <translation>solo fuera de la ventana</translation>
    </message>
    <message>
        <source>booked {day} at {time}</source>
        <translation>agendada el {day} a las {time}</translation>
    </message>
    <message>
        <source>booked {day}</source>
        <translation>agendada el {day}</translation>
    </message>
    <message>
        <source>outside the window (deviation, reason given)</source>
        <translation>fuera de la ventana (desviación, motivo indicado)</translation>
    </message>
    <message>
        <source>outside the window: give a reason (deviation)</source>
        <translation>fuera de la ventana: indique el motivo (desviación)</translation>
    </message>
    <message>
        <source>&amp;Book 1 visit</source>
        <translation>A&amp;gendar 1 visita</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Book %n visits</source>
        <translation>
            <numerusform>A&amp;gendar %n visita</numerusform>
            <numerusform>A&amp;gendar %n visitas</numerusform>
        </translation>
    </message>
    <message>
        <source>site closed ({reason})</source>
        <translation>centro cerrado ({reason})</translation>
    </message>
    <message>
        <source>in the past</source>
        <translation>en el pasado</translation>
    </message>
    <message>
        <source>No open visits to book in this span: choose another one.</source>
        <translation>No hay visitas abiertas para agendar en este período: elija otro.</translation>
    </message>
    <message numerus="yes">
        <source>{ticked} of %n visits ticked: they are booked at once when you press Book.</source>
        <translation>
            <numerusform>Visitas marcadas: {ticked} de %n. Se agendan todas a la vez al pulsar «Agendar».</numerusform>
            <numerusform>Visitas marcadas: {ticked} de %n. Se agendan todas a la vez al pulsar «Agendar».</numerusform>
        </translation>
    </message>
    <message>
        <source> Check the notes of {visits}.</source>
        <translation> Revise las notas de {visits}.</translation>
    </message>
    <message>
        <source>{visit}: {problem}</source>
        <translation>{visit}: {problem}</translation>
    </message>
    <message>
        <source>{visit}: {date} is outside the window ({window}): give a reason, or choose a date inside it</source>
        <translation>{visit}: {date} está fuera de la ventana ({window}): indique el motivo o elija una fecha dentro de ella</translation>
    </message>
    <message>
        <source>Tick at least one visit to book.</source>
        <translation>Marque al menos una visita para agendar.</translation>
    </message>
    <message>
        <source>{problem} ({visits})</source>
        <translation>{problem} ({visits})</translation>
    </message>
</context>
<context>
    <name>BookVisitDialog</name>
    <message>
        <source>Book</source>
        <translation>Agendar</translation>
    </message>
    <message>
        <source>Not scheduled yet.</source>
        <translation>Todavía sin programar.</translation>
    </message>
    <message>
        <source>Now booked for {day} at {time}.</source>
        <translation>Ahora agendada para el {day} a las {time}.</translation>
    </message>
    <message>
        <source>Now booked for {day}.</source>
        <translation>Ahora agendada para el {day}.</translation>
    </message>
    <message>
        <source>Suggested date {day} at {time}, not booked yet.</source>
        <translation>Fecha sugerida: {day} a las {time}, todavía sin agendar.</translation>
    </message>
    <message>
        <source>Suggested date {day}, not booked yet.</source>
        <translation>Fecha sugerida: {day}, todavía sin agendar.</translation>
    </message>
    <message>
        <source>What is typed is not a date yet: the window and the site&apos;s closed days are checked once it is.</source>
        <translation>Lo escrito todavía no es una fecha: la ventana y los días en que el centro está cerrado se comprueban cuando lo sea.</translation>
    </message>
    <message>
        <source>This visit has no window yet.</source>
        <translation>Esta visita todavía no tiene ventana.</translation>
    </message>
    <message>
        <source>{date} is outside the window ({window}): give a reason; it will be recorded as a protocol deviation.</source>
        <translation>{date} está fuera de la ventana ({window}): indique el motivo; se registrará como desviación del protocolo.</translation>
    </message>
    <message>
        <source>{day} is inside the window ({window}).</source>
        <translation>{day} está dentro de la ventana ({window}).</translation>
    </message>
    <message>
        <source>The site is closed that day ({reason}).</source>
        <translation>El centro está cerrado ese día ({reason}).</translation>
    </message>
    <message>
        <source>This date is in the past.</source>
        <translation>Esta fecha ya pasó.</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Motivo (obligatorio):</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>Type the appointment time (HH:MM), or untick “At a time”.</source>
        <translation>Escriba la hora de la cita (HH:MM) o desmarque «A una hora».</translation>
    </message>
    <message>
        <source>This date is outside the visit window: give a reason, or choose a date inside the window.</source>
        <translation>Esta fecha está fuera de la ventana de la visita: indique el motivo o elija una fecha dentro de la ventana.</translation>
    </message>
</context>
<context>
    <name>CalendarPublishingBox</name>
    <message>
        <source>Not published. Enter the address of a CalDAV calendar (Nextcloud, Radicale, SOGo, iCloud…).</source>
        <translation>No se publica. Escriba la dirección de un calendario CalDAV (Nextcloud, Radicale, SOGo, iCloud…).</translation>
    </message>
    <message>
        <source>Save to publish to this address (the server is checked first).</source>
        <translation>Guarde para publicar en esta dirección (primero se comprueba el servidor).</translation>
    </message>
    <message>
        <source>Save to stop publishing (the events already on the server stay there).</source>
        <translation>Guarde para dejar de publicar (los eventos que ya están en el servidor se quedan allí).</translation>
    </message>
    <message>
        <source>Calendar address: {problem}.</source>
        <translation>Dirección del calendario: {problem}.</translation>
    </message>
    <message>
        <source>Checking the calendar server…</source>
        <translation>Comprobando el servidor del calendario…</translation>
    </message>
    <message>
        <source>Stopping publishing…</source>
        <translation>Dejando de publicar…</translation>
    </message>
    <message>
        <source>⚠ Enter the calendar&apos;s address first.</source>
        <translation>⚠ Primero escriba la dirección del calendario.</translation>
    </message>
    <message>
        <source>⚠ Cannot use this calendar: {reason}</source>
        <translation>⚠ No se puede usar este calendario: {reason}</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Publicando…</translation>
    </message>
    <message>
        <source>saved in this computer&apos;s keyring (type to replace it)</source>
        <translation>guardada en el llavero de esta computadora (escriba para reemplazarla)</translation>
    </message>
    <message>
        <source>none saved on this computer: type it to publish from here</source>
        <translation>no hay ninguna guardada en esta computadora: escríbala para publicar desde aquí</translation>
    </message>
</context>
<context>
    <name>ChangeCohortDialog</name>
    <message>
        <source>Change cohort</source>
        <translation>Cambiar cohorte</translation>
    </message>
    <message>
        <source>Protocol version {version} has no other cohort.</source>
        <translation>La versión {version} del protocolo no tiene otra cohorte.</translation>
    </message>
    <message>
        <source>Moving {id} from cohort &lt;b&gt;{old}&lt;/b&gt; to &lt;b&gt;{new}&lt;/b&gt; changes no visit date (the calendar is not planned yet, or the visits are the same); the procedures follow the new cohort.</source>
        <translation>Pasar a {id} de la cohorte &lt;b&gt;{old}&lt;/b&gt; a la &lt;b&gt;{new}&lt;/b&gt; no cambia ninguna fecha de visita (el calendario todavía no está planificado o las visitas son las mismas); los procedimientos siguen la nueva cohorte.</translation>
    </message>
    <message>
        <source>Moving {id} from cohort &lt;b&gt;{old}&lt;/b&gt; to &lt;b&gt;{new}&lt;/b&gt;: {added} visit(s) added, {removed} cancelled, {moved} moved. Procedures follow the new cohort.</source>
        <translation>Pasar a {id} de la cohorte &lt;b&gt;{old}&lt;/b&gt; a la &lt;b&gt;{new}&lt;/b&gt;: {added} visita(s) agregada(s), {removed} cancelada(s), {moved} movida(s). Los procedimientos siguen la nueva cohorte.</translation>
    </message>
    <message>
        <source>Choose the new cohort.</source>
        <translation>Elija la nueva cohorte.</translation>
    </message>
    <message>
        <source>Give the reason for the change (it goes in the audit trail).</source>
        <translation>Indique el motivo del cambio (queda en el registro de auditoría).</translation>
    </message>
</context>
<context>
    <name>ChangeLanguageDialog</name>
    <message>
        <source>Change language</source>
        <translation>Cambiar idioma</translation>
    </message>
    <message>
        <source>There is no other language to choose.</source>
        <translation>No hay otro idioma para elegir.</translation>
    </message>
    <message>
        <source>Give the reason for the change (it goes in the audit trail).</source>
        <translation>Indique el motivo del cambio (queda en el registro de auditoría).</translation>
    </message>
</context>
<context>
    <name>ChangeProtocolDialog</name>
    <message>
        <source>Protocol files (*.toml);;All files (*)</source>
        <translation>Archivos de protocolo (*.toml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Moving from version {old} to version {new} changes no visit: only the protocol version recorded for the participant.</source>
        <translation>Pasar de la versión {old} a la versión {new} no cambia ninguna visita: solo la versión del protocolo registrada para el participante.</translation>
    </message>
    <message>
        <source>1 new</source>
        <translation>1 nueva</translation>
    </message>
    <message>
        <source>{count} new</source>
        <translation>{count} nuevas</translation>
    </message>
    <message>
        <source>1 cancelled</source>
        <translation>1 cancelada</translation>
    </message>
    <message>
        <source>{count} cancelled</source>
        <translation>{count} canceladas</translation>
    </message>
    <message>
        <source>1 with new dates or window</source>
        <translation>1 con fechas o ventana nuevas</translation>
    </message>
    <message>
        <source>{count} with new dates or window</source>
        <translation>{count} con fechas o ventana nuevas</translation>
    </message>
    <message>
        <source>Moving from version {old} to version {new} changes 1 visit: {parts}.</source>
        <translation>Pasar de la versión {old} a la versión {new} cambia 1 visita: {parts}.</translation>
    </message>
    <message>
        <source>Moving from version {old} to version {new} changes {count} visits: {parts}.</source>
        <translation>Pasar de la versión {old} a la versión {new} cambia {count} visitas: {parts}.</translation>
    </message>
    <message>
        <source>Change protocol</source>
        <translation>Cambiar protocolo</translation>
    </message>
    <message>
        <source>Amended protocol file</source>
        <translation>Archivo del protocolo enmendado</translation>
    </message>
    <message>
        <source>&lt;b&gt;{protocol}&lt;/b&gt; version &lt;b&gt;{version}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{protocol}&lt;/b&gt; versión &lt;b&gt;{version}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>— (choose the amended protocol file)</source>
        <translation>— (elija el archivo del protocolo enmendado)</translation>
    </message>
    <message>
        <source>— (this file cannot be used)</source>
        <translation>— (no se puede usar este archivo)</translation>
    </message>
    <message>
        <source> — &lt;b&gt;refused&lt;/b&gt;, see below</source>
        <translation> — &lt;b&gt;rechazado&lt;/b&gt;, vea abajo</translation>
    </message>
    <message>
        <source>&lt;b&gt;{protocol}&lt;/b&gt; version &lt;b&gt;{version}&lt;/b&gt; ({title}){refused}</source>
        <translation>&lt;b&gt;{protocol}&lt;/b&gt; versión &lt;b&gt;{version}&lt;/b&gt; ({title}){refused}</translation>
    </message>
    <message>
        <source>Choose the amended protocol file: every visit it adds, cancels or moves is listed here before anything is saved.</source>
        <translation>Elija el archivo del protocolo enmendado: cada visita que agrega, cancela o mueve aparece aquí antes de guardar nada.</translation>
    </message>
    <message>
        <source>Nothing can be changed with this file (the reason is shown below); choose another file.</source>
        <translation>No se puede cambiar nada con este archivo (el motivo aparece abajo); elija otro archivo.</translation>
    </message>
    <message>
        <source>Choose the amended protocol file first; its changes are shown before anything is saved.</source>
        <translation>Primero elija el archivo del protocolo enmendado; sus cambios se muestran antes de guardar nada.</translation>
    </message>
    <message>
        <source>Give the reason for the protocol change (the amendment and its approval).</source>
        <translation>Indique el motivo del cambio de protocolo (la enmienda y su aprobación).</translation>
    </message>
</context>
<context>
    <name>CompleteVisitDialog</name>
    <message>
        <source>Record as done</source>
        <translation>Registrar como realizada</translation>
    </message>
    <message>
        <source>the infusion (dose 1)</source>
        <translation>la infusión (dosis 1)</translation>
    </message>
    <message>
        <source>dose {number}</source>
        <translation>la dosis {number}</translation>
    </message>
    <message>
        <source>Recording {code} done records {dose} on {date}; it moves no later visit.</source>
        <translation>Registrar {code} como realizada registra {dose} el {date}; no mueve ninguna visita posterior.</translation>
    </message>
    <message>
        <source>Recording {code} done records {dose} on {date} and moves 1 later visit.</source>
        <translation>Registrar {code} como realizada registra {dose} el {date} y mueve 1 visita posterior.</translation>
    </message>
    <message numerus="yes">
        <source>Recording {code} done records {dose} on {date} and moves %n later visits.</source>
        <translation>
            <numerusform>Registrar {code} como realizada registra {dose} el {date} y mueve %n visita posterior.</numerusform>
            <numerusform>Registrar {code} como realizada registra {dose} el {date} y mueve %n visitas posteriores.</numerusform>
        </translation>
    </message>
    <message>
        <source>{day} is after today ({today}): a visit is recorded done once it has happened.</source>
        <translation>{day} es posterior a hoy ({today}): una visita se registra como realizada una vez que ha tenido lugar.</translation>
    </message>
    <message>
        <source>{date} is outside the window ({window}): it will be recorded as done out of window; give a reason.</source>
        <translation>{date} está fuera de la ventana ({window}): se registrará como realizada fuera de la ventana; indique el motivo.</translation>
    </message>
    <message>
        <source>A visit cannot be recorded as done on a date after today.</source>
        <translation>Una visita no se puede registrar como realizada en una fecha posterior a hoy.</translation>
    </message>
    <message>
        <source>The date is outside the visit window: give a reason.</source>
        <translation>La fecha está fuera de la ventana de la visita: indique el motivo.</translation>
    </message>
    <message>
        <source>1 procedure not recorded yet ({procedures}): tick Done, or Not done with the reason, for each (&quot;Mark remaining done&quot; if they were all done).</source>
        <translation>1 procedimiento todavía sin registrar ({procedures}): marque Realizado, o No realizado con el motivo, en cada uno («Marcar pendientes como realizados» si se hicieron todos).</translation>
    </message>
    <message numerus="yes">
        <source>%n procedures not recorded yet ({procedures}): tick Done, or Not done with the reason, for each (&quot;Mark remaining done&quot; if they were all done).</source>
        <translation>
            <numerusform>%n procedimiento todavía sin registrar ({procedures}): marque Realizado, o No realizado con el motivo, en cada uno («Marcar pendientes como realizados» si se hicieron todos).</numerusform>
            <numerusform>%n procedimientos todavía sin registrar ({procedures}): marque Realizado, o No realizado con el motivo, en cada uno («Marcar pendientes como realizados» si se hicieron todos).</numerusform>
        </translation>
    </message>
    <message>
        <source>Give a reason for each procedure not done: {procedures}.</source>
        <translation>Indique el motivo de cada procedimiento no realizado: {procedures}.</translation>
    </message>
</context>
<context>
    <name>CorrectEntryDialog</name>
    <message>
        <source>{visit} was not done on {day}: reopen it</source>
        <extracomment>Where a visit&apos;s dates are counted from when the protocol cannot be read (the study&apos;s own rule). The entry of a done date corrected alone (the visits of :data:`DATED_ALONE`).</extracomment>
        <translation>{visit} no se realizó el {day}: reabrirla</translation>
    </message>
    <message>
        <source>{visit} was done on another day than {day}: correct the date</source>
        <translation>{visit} se realizó otro día, no el {day}: corregir la fecha</translation>
    </message>
    <message>
        <source>{visit} was not missed: reopen it</source>
        <translation>{visit} no debía marcarse como no realizada: reabrirla</translation>
    </message>
    <message>
        <source>The whole {visit} was entered in error: cancel it</source>
        <translation>Toda la visita {visit} se ingresó por error: cancelarla</translation>
    </message>
    <message>
        <source>Dose {number} given on {day} was entered in error: back to planned</source>
        <translation>La dosis {number} administrada el {day} se registró por error: volver a lo planificado</translation>
    </message>
    <message>
        <source>Dose {number} recorded not given was entered in error: plan it again</source>
        <translation>La dosis {number} registrada como no administrada se registró por error: planificarla de nuevo</translation>
    </message>
    <message>
        <source>The withdrawal on {day} was wrong: undo it</source>
        <translation>El retiro del {day} fue un error: deshacerlo</translation>
    </message>
    <message>
        <source>The infusion date {day} was wrong: back to planned</source>
        <translation>La fecha de infusión {day} era incorrecta: volver a la planificada</translation>
    </message>
    <message>
        <source>The conditioning start {day} was wrong: back to planned</source>
        <translation>El inicio del acondicionamiento {day} era incorrecto: volver al planificado</translation>
    </message>
    <message>
        <source>The screening date {day} was wrong: reopen screening</source>
        <translation>La fecha de selección {day} era incorrecta: reabrir la selección</translation>
    </message>
    <message>
        <source>Choose the entry that was made in error.</source>
        <translation>Elija la entrada que se hizo por error.</translation>
    </message>
    <message>
        <source>1 open visit</source>
        <translation>1 visita abierta</translation>
    </message>
    <message>
        <source>{count} open visits</source>
        <translation>{count} visitas abiertas</translation>
    </message>
    <message>
        <source>Booked appointments that fall outside their new window move to the suggested date. Check the calendar after saving and tell the participant of any change.</source>
        <translation>Las citas agendadas que queden fuera de su nueva ventana pasan a la fecha sugerida. Revise el calendario después de guardar y avise al participante de cualquier cambio.</translation>
    </message>
    <message>
        <source>⚠ Saving re-plans the calendar: Day 1 is reopened and goes back to the planned infusion day{planned}; the {visits} counted from Day 1 get new dates from it. {rebook}</source>
        <translation>⚠ Al guardar se vuelve a planificar el calendario: el Día 1 se reabre y vuelve al día de infusión planificado{planned}; las {visits} contadas desde el Día 1 reciben nuevas fechas a partir de él. {rebook}</translation>
    </message>
    <message>
        <source>⚠ Saving re-plans the calendar: the 1 conditioning day given is reopened, the calendar goes back to the planned conditioning start{planned}; the {visits} get new dates from it. {rebook}</source>
        <translation>⚠ Al guardar se vuelve a planificar el calendario: el día de acondicionamiento administrado se reabre, el calendario vuelve al inicio de acondicionamiento planificado{planned}; las {visits} reciben nuevas fechas a partir de él. {rebook}</translation>
    </message>
    <message>
        <source>⚠ Saving re-plans the calendar: the {days} conditioning days given are reopened, the calendar goes back to the planned conditioning start{planned}; the {visits} get new dates from it. {rebook}</source>
        <translation>⚠ Al guardar se vuelve a planificar el calendario: los {days} días de acondicionamiento administrados se reabren, el calendario vuelve al inicio de acondicionamiento planificado{planned}; las {visits} reciben nuevas fechas a partir de él. {rebook}</translation>
    </message>
    <message>
        <source>⚠ Saving can re-plan the calendar: the planned infusion day is counted from the last conditioning day given, so Day 1 and the {visits} counted from it may get new dates. {rebook}</source>
        <translation>⚠ Al guardar se puede volver a planificar el calendario: el día de infusión planificado se cuenta desde el último día de acondicionamiento administrado, así que el Día 1 y las {visits} contadas desde él pueden recibir nuevas fechas. {rebook}</translation>
    </message>
    <message>
        <source>{visit} becomes open again and its procedure results are cleared. No other visit moves.</source>
        <translation>{visit} vuelve a quedar abierta y se borran los resultados de sus procedimientos. Ninguna otra visita se mueve.</translation>
    </message>
    <message>
        <source>Its checklist stays as recorded. No other visit moves.</source>
        <translation>Su lista de procedimientos se conserva tal como se registró. Ninguna otra visita cambia.</translation>
    </message>
    <message>
        <source>Type the day {visit} was done.</source>
        <translation>Escriba el día en que se realizó {visit}.</translation>
    </message>
    <message>
        <source>{visit} was done on {day}, not {recorded}: only its date is corrected.</source>
        <translation>{visit} se realizó el {day}, no el {recorded}: solo se corrige su fecha.</translation>
    </message>
    <message>
        <source>That day is outside its window: it becomes a protocol deviation.</source>
        <translation>Ese día está fuera de su ventana: queda como desviación del protocolo.</translation>
    </message>
    <message>
        <source>{visit} becomes open again. No other visit moves.</source>
        <translation>{visit} vuelve a quedar abierta. Ninguna otra visita se mueve.</translation>
    </message>
    <message>
        <source>{visit} stays in the record as cancelled, with your reason. No other visit moves.</source>
        <translation>{visit} queda en el registro como cancelada, con su motivo. Ninguna otra visita se mueve.</translation>
    </message>
    <message>
        <source>The screening date is cleared and the screening visit is open again. No other visit moves.</source>
        <translation>Se borra la fecha de selección y la visita de selección vuelve a quedar abierta. Ninguna otra visita se mueve.</translation>
    </message>
    <message>
        <source>The participant is back in the study: the visits the withdrawal cancelled or marked missed are open again, and its early-termination visit is cancelled.</source>
        <translation>El participante vuelve al estudio: las visitas que el retiro canceló o marcó como no realizadas vuelven a quedar abiertas, y su visita de terminación anticipada se cancela.</translation>
    </message>
    <message>
        <source>⚠ Saving re-plans the calendar: dose {number} is no longer recorded and {visit} is reopened; the visits counted from it ({count}) go back to their planned dates. {rebook}</source>
        <translation>⚠ Al guardar se vuelve a planificar el calendario: la dosis {number} deja de estar registrada y {visit} se reabre; las visitas contadas a partir de ella ({count}) vuelven a sus fechas planificadas. {rebook}</translation>
    </message>
    <message>
        <source>⚠ Saving re-plans the calendar: dose {number} is no longer recorded not given; the visits its “not given” cancelled or moved ({count}) are planned again. {rebook}</source>
        <translation>⚠ Al guardar se vuelve a planificar el calendario: la dosis {number} deja de estar registrada como no administrada; las visitas que su «no administrada» canceló o movió ({count}) se planifican de nuevo. {rebook}</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Corregir</translation>
    </message>
    <message>
        <source>Nothing recorded for this participant can be corrected here.</source>
        <translation>Nada de lo registrado para este participante se puede corregir aquí.</translation>
    </message>
    <message>
        <source>The date is corrected as “entered in error”; nothing is deleted: the audit trail keeps the old date, who corrected it, when and why.</source>
        <translation>La fecha se corrige como “ingresada por error”; no se elimina nada: el registro de auditoría conserva la fecha anterior, quién la corrigió, cuándo y por qué.</translation>
    </message>
    <message>
        <source>Choose the entry to correct.</source>
        <translation>Elija la entrada que quiere corregir.</translation>
    </message>
    <message>
        <source>Give the reason for the correction (it goes in the audit trail).</source>
        <translation>Indique el motivo de la corrección (queda en el registro de auditoría).</translation>
    </message>
    <message>
        <source>this visit</source>
        <translation>esta visita</translation>
    </message>
</context>
<context>
    <name>DatabaseConnectionDialog</name>
    <message>
        <source>SQLite file on this computer</source>
        <translation>Archivo SQLite en esta computadora</translation>
    </message>
    <message>
        <source>PostgreSQL server (shared by several workstations)</source>
        <translation>Servidor PostgreSQL (compartido por varias estaciones de trabajo)</translation>
    </message>
    <message>
        <source>Choose the database file.</source>
        <translation>Elija el archivo de la base de datos.</translation>
    </message>
    <message>
        <source>Enter the database name.</source>
        <translation>Escriba el nombre de la base de datos.</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Archivo de la base de datos</translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite3 *.db);;All files (*)</source>
        <translation>Base de datos SQLite (*.sqlite3 *.db);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>✔ Connected: {database}</source>
        <translation>✔ Conectado: {database}</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>The cohorts of protocol {id} version {version}, the version this site enrols on (File › Site settings)</source>
        <translation>Las cohortes del protocolo {id}, versión {version}, la versión con la que inscribe este centro (Archivo › Configuración del centro)</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>p. ej., {example}</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>Inscribir</translation>
    </message>
    <message>
        <source>(site format)</source>
        <translation>(formato del centro)</translation>
    </message>
    <message>
        <source>Cohort {cohort}: {doses} doses, each planned {days} days after the one before. </source>
        <translation>Cohorte {cohort}: {doses} dosis, cada una planificada {days} días después de la anterior. </translation>
    </message>
    <message>
        <source>Infusion (Day 1) planned for {day}.</source>
        <translation>Infusión (día 1) planificada para el {day}.</translation>
    </message>
    <message>
        <source>Infusion (Day 1) planned for {day}. Use Plan conditioning later to see start dates that keep the dose days and the fixed days after them on open days.</source>
        <translation>Infusión (día 1) planificada para el {day}. Use luego Planificar acondicionamiento para ver fechas de inicio que dejen los días de dosis y los días fijos posteriores en días hábiles del centro.</translation>
    </message>
    <message>
        <source>Infusion (Day 1) planned for {day}. Use Plan conditioning later to see start dates that keep Days 1-4 on open days.</source>
        <translation>Infusión (día 1) planificada para el {day}. Use luego Planificar acondicionamiento para ver fechas de inicio que dejen los días 1 a 4 en días hábiles del centro.</translation>
    </message>
    <message>
        <source>Conditioning can be planned later (Participant › Plan conditioning).</source>
        <translation>El acondicionamiento se puede planificar más adelante (Participante › Planificar acondicionamiento).</translation>
    </message>
    <message>
        <source>Screening on {screening} allows a conditioning start from {first} to {last} only.</source>
        <translation>Con la selección del {screening}, el acondicionamiento solo puede empezar del {first} al {last}.</translation>
    </message>
    <message>
        <source>Enter the participant ID.</source>
        <translation>Ingrese el ID del participante.</translation>
    </message>
    <message>
        <source>&apos;{pid}&apos; does not look like a participant ID of this site (e.g. {example}).</source>
        <translation>«{pid}» no parece un ID de participante de este centro (p. ej., {example}).</translation>
    </message>
    <message>
        <source>Initials are 2 to 4 letters (no names are stored).</source>
        <translation>Las iniciales son de 2 a 4 letras (no se guardan nombres).</translation>
    </message>
    <message>
        <source>screening date</source>
        <translation>fecha de selección</translation>
    </message>
    <message>
        <source>conditioning start</source>
        <translation>inicio del acondicionamiento</translation>
    </message>
</context>
<context>
    <name>EnrolmentVersionRow</name>
    <message>
        <source>Protocol version for new enrolments</source>
        <translation>Versión del protocolo para nuevas inscripciones</translation>
    </message>
    <message>
        <source>Enrol new participants &amp;on:</source>
        <translation>Inscribir con la &amp;versión:</translation>
    </message>
    <message>
        <source>The newest shipped version (now {version})</source>
        <translation>La versión más reciente incluida (ahora {version})</translation>
    </message>
    <message>
        <source>Version {version} (cohorts {cohorts})</source>
        <translation>Versión {version} (cohortes {cohorts})</translation>
    </message>
    <message>
        <source>The protocol version, and so the cohorts, the New participant dialog offers. Participants already enrolled keep their version (Participant › Change protocol version moves one).</source>
        <translation>La versión del protocolo, y por lo tanto las cohortes, que ofrece el diálogo Nuevo participante. Los participantes ya inscritos conservan su versión (Participante › Cambiar versión del protocolo cambia la de uno).</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Database: {database}</source>
        <translation>Base de datos: {database}</translation>
    </message>
</context>
<context>
    <name>MissVisitDialog</name>
    <message>
        <source>Participant did not attend</source>
        <extracomment>Offered in the interface language; the reason saved is the English one when one of these is chosen unchanged (texts stored in the database are never translated: the audit trail reads the same at every workstation).</extracomment>
        <translation>El participante no asistió</translation>
    </message>
    <message>
        <source>Participant unwell, could not travel</source>
        <translation>El participante se sentía mal y no pudo viajar</translation>
    </message>
    <message>
        <source>Participant declined this visit</source>
        <translation>El participante rechazó esta visita</translation>
    </message>
    <message>
        <source>Site could not see the participant in the window</source>
        <translation>El centro no pudo atender al participante dentro de la ventana</translation>
    </message>
    <message>
        <source>choose or type the reason</source>
        <translation>elija o escriba el motivo</translation>
    </message>
    <message>
        <source>Mark missed</source>
        <translation>Marcar como no realizada</translation>
    </message>
    <message>
        <source>Give the reason the visit was missed.</source>
        <translation>Indique por qué no se realizó la visita.</translation>
    </message>
</context>
<context>
    <name>PacketDialog</name>
    <message>
        <source>no date yet</source>
        <translation>todavía sin fecha</translation>
    </message>
    <message>
        <source>booked {time}</source>
        <translation>agendada {time}</translation>
    </message>
    <message>
        <source>booked</source>
        <translation>agendada</translation>
    </message>
    <message>
        <source>proposed</source>
        <translation>propuesta</translation>
    </message>
    <message>
        <source>1 worksheet in one PDF: {visits}</source>
        <translation>1 hoja de trabajo en un PDF: {visits}</translation>
    </message>
    <message numerus="yes">
        <source>%n worksheets in one PDF: {visits}</source>
        <translation>
            <numerusform>%n hoja de trabajo en un PDF: {visits}</numerusform>
            <numerusform>%n hojas de trabajo en un PDF: {visits}</numerusform>
        </translation>
    </message>
    <message>
        <source>No visit chosen: tick the visits whose worksheets you want, or choose more days.</source>
        <translation>No hay ninguna visita elegida: marque las visitas cuyas hojas de trabajo quiere o elija más días.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <source>Fit width</source>
        <extracomment>The zoom choices, shown translated (the first two are matched by this English text, never the shown one).</extracomment>
        <translation>Ajustar al ancho</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>Página completa</translation>
    </message>
    <message>
        <source>Preview — {title}</source>
        <translation>Vista previa — {title}</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>1 página</translation>
    </message>
    <message numerus="yes">
        <source>%n pages</source>
        <translation>
            <numerusform>%n página</numerusform>
            <numerusform>%n páginas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanConditioningDialog</name>
    <message>
        <source>Days 1-4</source>
        <translation>los días 1 a 4</translation>
    </message>
    <message>
        <source>the dose days and the days after them ({days})</source>
        <translation>los días de dosis y los días siguientes ({days})</translation>
    </message>
    <message>
        <source>&amp;Suggested start dates: conditioning and {days} all fall on days the site is open</source>
        <translation>Fechas de inicio &amp;sugeridas: el acondicionamiento y {days} caen en días en que el centro está abierto</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Planificar</translation>
    </message>
    <message>
        <source>No start date up to {last}, when this screening expires, keeps conditioning and {days} on open days: repeat the screening, or plan on a date and book around the closed day.</source>
        <translation>Ninguna fecha de inicio hasta el {last}, cuando vence esta selección, deja el acondicionamiento y {days} en días abiertos: repita la selección, o planifique en una fecha y agende evitando el día cerrado.</translation>
    </message>
    <message>
        <source>Screening on {screening} allows a start from {first} to {last} only.</source>
        <translation>Con la selección del {screening}, el inicio solo puede ser del {first} al {last}.</translation>
    </message>
    <message>
        <source>This start date puts conditioning or {days} on a day the site is closed.</source>
        <translation>Con esta fecha de inicio, el acondicionamiento o {days} caen en un día en que el centro está cerrado.</translation>
    </message>
    <message>
        <source>Give the reason for changing the planned conditioning start (it goes in the audit trail).</source>
        <translation>Indique el motivo del cambio del inicio de acondicionamiento planificado (queda en el registro de auditoría).</translation>
    </message>
    <message>
        <source>conditioning start</source>
        <translation>inicio del acondicionamiento</translation>
    </message>
</context>
<context>
    <name>ProtocolChangePreviewModel</name>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Qué pasa</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>Window (old → new)</source>
        <translation>Ventana (antes → ahora)</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programada</translation>
    </message>
    <message>
        <source>Day 2</source>
        <translation>Día 2</translation>
    </message>
    <message>
        <source>Suggested date moves</source>
        <translation>Se mueve la fecha sugerida</translation>
    </message>
    <message>
        <source>2027-03-06 Sat → 03-08 Mon</source>
        <translation>2027-03-06 sáb → 03-08 lun</translation>
    </message>
    <message>
        <source>What happens to the appointment</source>
        <translation>Qué pasa con la cita</translation>
    </message>
    <message>
        <source>Study day of the target (old → new when it changes)</source>
        <translation>Día del estudio del objetivo (antes → ahora cuando cambia)</translation>
    </message>
    <message>
        <source>The protocol&apos;s ideal date, old → new</source>
        <translation>La fecha ideal del protocolo, antes → ahora</translation>
    </message>
    <message>
        <source>The allowed dates before and after the change</source>
        <translation>Las fechas permitidas antes y después del cambio</translation>
    </message>
    <message>
        <source>The appointment or suggested date, old → new</source>
        <translation>La cita o la fecha sugerida, antes → ahora</translation>
    </message>
</context>
<context>
    <name>RecordConditioningDialog</name>
    <message>
        <source>LD1 only</source>
        <translation>Solo LD1</translation>
    </message>
    <message>
        <source>LD1 and LD2</source>
        <translation>LD1 y LD2</translation>
    </message>
    <message>
        <source>LD1, LD2 and LD3 (conditioning complete)</source>
        <translation>LD1, LD2 y LD3 (acondicionamiento completo)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <source>Recorded as given: {days}. Infusion (Day 1) then planned for {infusion}.</source>
        <translation>Se registra como administrado: {days}. La infusión (Día 1) queda planificada para el {infusion}.</translation>
    </message>
    <message>
        <source> The plan said {day}: the visits before the infusion move with the real date.</source>
        <translation> El plan decía {day}: las visitas anteriores a la infusión se mueven con la fecha real.</translation>
    </message>
    <message>
        <source>LD{day} would be on {date}, after today: record only days already given.</source>
        <translation>LD{day} sería el {date}, después de hoy: registre solo los días ya administrados.</translation>
    </message>
    <message>
        <source>conditioning start</source>
        <translation>inicio del acondicionamiento</translation>
    </message>
</context>
<context>
    <name>RecordDoseDialog</name>
    <message>
        <source>Dose {number} of {count} ({anchor}, planned {date})</source>
        <translation>Dosis {number} de {count} ({anchor}, planificada para el {date})</translation>
    </message>
    <message>
        <source>Dose {number} of {count} ({anchor})</source>
        <translation>Dosis {number} de {count} ({anchor})</translation>
    </message>
    <message>
        <source>dose {number} is planned {planned} days after dose {previous}, at least {minimum} days after it, and warned when more than {late} days late</source>
        <translation>la dosis {number} se planifica {planned} días después de la dosis {previous}, al menos {minimum} días después de ella, y se avisa cuando se retrasa más de {late} días</translation>
    </message>
    <message>
        <source>Cohort {cohort}: {rules}. A dose not given makes every later dose not given too: their visits are cancelled.</source>
        <translation>Cohorte {cohort}: {rules}. Si una dosis no se administra, tampoco se administra ninguna dosis posterior: sus visitas se cancelan.</translation>
    </message>
    <message>
        <source>Record dose</source>
        <translation>Registrar dosis</translation>
    </message>
    <message>
        <source>Record not given</source>
        <translation>Registrar no administrada</translation>
    </message>
    <message>
        <source>Every later dose of this participant is recorded already.</source>
        <translation>Todas las dosis posteriores de este participante ya están registradas.</translation>
    </message>
    <message>
        <source>This date is in the future: record the dose once it has been given.</source>
        <translation>Esta fecha es futura: registre la dosis cuando se haya administrado.</translation>
    </message>
    <message>
        <source>Recording dose {number} on {date} changes the window of 1 visit; its date stays.</source>
        <translation>Registrar la dosis {number} el {date} cambia la ventana de 1 visita; su fecha no cambia.</translation>
    </message>
    <message>
        <source>Recording dose {number} on {date} moves 1 visit.</source>
        <translation>Registrar la dosis {number} el {date} mueve 1 visita.</translation>
    </message>
    <message numerus="yes">
        <source>Recording dose {number} on {date} changes %n visits.</source>
        <translation>
            <numerusform>Registrar la dosis {number} el {date} cambia %n visita.</numerusform>
            <numerusform>Registrar la dosis {number} el {date} cambia %n visitas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recording dose {number} on {date} moves %n visits.</source>
        <translation>
            <numerusform>Registrar la dosis {number} el {date} mueve %n visita.</numerusform>
            <numerusform>Registrar la dosis {number} el {date} mueve %n visitas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recording dose {number} on {date} moves no visit (it is the planned date).</source>
        <translation>Registrar la dosis {number} el {date} no mueve ninguna visita (es la fecha planificada).</translation>
    </message>
    <message>
        <source> and the 1 dose after it</source>
        <translation> y la dosis siguiente</translation>
    </message>
    <message numerus="yes">
        <source> and the %n doses after it</source>
        <translation>
            <numerusform> y la %n dosis siguiente</numerusform>
            <numerusform> y las %n dosis siguientes</numerusform>
        </translation>
    </message>
    <message>
        <source>Recording dose {number}{also} as not given cancels 1 visit</source>
        <translation>Registrar la dosis {number}{also} como no administrada cancela 1 visita</translation>
    </message>
    <message numerus="yes">
        <source>Recording dose {number}{also} as not given cancels %n visits</source>
        <translation>
            <numerusform>Registrar la dosis {number}{also} como no administrada cancela %n visita</numerusform>
            <numerusform>Registrar la dosis {number}{also} como no administrada cancela %n visitas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and moves %n</source>
        <translation>
            <numerusform> y mueve %n</numerusform>
            <numerusform> y mueve %n</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no later dose left to record for this participant.</source>
        <translation>No queda ninguna dosis posterior por registrar para este participante.</translation>
    </message>
    <message>
        <source>The dose date is after today: record it once it has been given.</source>
        <translation>La fecha de la dosis es posterior a hoy: regístrela cuando se haya administrado.</translation>
    </message>
    <message>
        <source>Give the reason the dose was not given (it goes in the audit trail).</source>
        <translation>Indique por qué no se administró la dosis (queda en el registro de auditoría).</translation>
    </message>
    <message>
        <source>The preview could not be computed for this choice; change it.</source>
        <translation>No se pudo calcular la vista previa para esta opción; cámbiela.</translation>
    </message>
</context>
<context>
    <name>RecordInfusionDialog</name>
    <message>
        <source>Record infusion</source>
        <translation>Registrar infusión</translation>
    </message>
    <message>
        <source>Recording the infusion on {date} changes the window of 1 visit; its date stays.</source>
        <translation>Registrar la infusión el {date} cambia la ventana de 1 visita; su fecha no cambia.</translation>
    </message>
    <message>
        <source>Recording the infusion on {date} moves 1 visit.</source>
        <translation>Registrar la infusión el {date} mueve 1 visita.</translation>
    </message>
    <message numerus="yes">
        <source>Recording the infusion on {date} changes %n visits.</source>
        <translation>
            <numerusform>Registrar la infusión el {date} cambia %n visita.</numerusform>
            <numerusform>Registrar la infusión el {date} cambia %n visitas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recording the infusion on {date} moves %n visits.</source>
        <translation>
            <numerusform>Registrar la infusión el {date} mueve %n visita.</numerusform>
            <numerusform>Registrar la infusión el {date} mueve %n visitas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recording the infusion on {date} moves no visit (it is the planned date).</source>
        <translation>Registrar la infusión el {date} no mueve ninguna visita (es la fecha planificada).</translation>
    </message>
    <message>
        <source>This date is in the future: record the infusion once it has been given.</source>
        <translation>Esta fecha es futura: registre la infusión cuando se haya administrado.</translation>
    </message>
    <message>
        <source>The infusion date is after today: record it once it has been given.</source>
        <translation>La fecha de la infusión es posterior a hoy: regístrela cuando se haya administrado.</translation>
    </message>
    <message>
        <source>The preview could not be computed for this date; choose another date.</source>
        <translation>No se pudo calcular la vista previa para esta fecha; elija otra fecha.</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <source>Screening is not recorded for this participant — record anyway?</source>
        <extracomment>Asked before conditioning or the infusion is recorded for a participant whose screening is not (translated at use: :meth:`ServiceDialog.screening_question`).</extracomment>
        <translation>La selección de este participante no está registrada. ¿Registrar de todos modos?</translation>
    </message>
    <message>
        <source>this record</source>
        <extracomment>How many changed fields a conflict message names before it says &quot;and N more&quot;. How much of the participant&apos;s audit trail is read to name them (the newest rows; a conflict is about the last change, which is among them unless one save wrote more than this).</extracomment>
        <translation>este registro</translation>
    </message>
    <message>
        <source> (on {workstation})</source>
        <translation> (en {workstation})</translation>
    </message>
    <message>
        <source> on {date} at {time}</source>
        <translation> el {date} a las {time}</translation>
    </message>
    <message>
        <source>Not saved: {who}{station} changed {noun}{at}, after you opened this window.</source>
        <translation>No se guardó: {who}{station} cambió {noun}{at}, después de que usted abriera esta ventana.</translation>
    </message>
    <message>
        <source>Not saved: someone else changed {noun} after you opened this window.</source>
        <translation>No se guardó: otra persona cambió {noun} después de que usted abriera esta ventana.</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Cambiado por otra persona</translation>
    </message>
    <message>
        <source>This window now shows the latest data, and what you typed is kept: check it, then save again.</source>
        <translation>Esta ventana muestra ahora los datos más recientes y conserva lo que usted escribió: revíselo y vuelva a guardar.</translation>
    </message>
    <message>
        <source>{field} to {value}</source>
        <translation>{field} a {value}</translation>
    </message>
    <message>
        <source>{count} more</source>
        <translation>{count} más</translation>
    </message>
    <message>
        <source>They changed: {changes}.</source>
        <translation>Cambios: {changes}.</translation>
    </message>
    <message>
        <source>1 visit</source>
        <translation>1 visita</translation>
    </message>
    <message>
        <source>{count} visits</source>
        <translation>{count} visitas</translation>
    </message>
    <message>
        <source>1 procedure outcome</source>
        <translation>1 resultado de procedimiento</translation>
    </message>
    <message>
        <source>{count} procedure outcomes</source>
        <translation>{count} resultados de procedimientos</translation>
    </message>
    <message>
        <source>1 dose</source>
        <translation>1 dosis</translation>
    </message>
    <message>
        <source>{count} doses</source>
        <translation>{count} dosis</translation>
    </message>
    <message>
        <source>{moved} of them get a new date; the others keep theirs, in a new window.</source>
        <translation>{moved} de ellas pasan a otra fecha; las demás conservan la suya, con una ventana nueva.</translation>
    </message>
    <message>
        <source>&lt;b&gt;1 booked appointment falls outside the new window&lt;/b&gt; and will be re-booked on the suggested date: tell the participant.</source>
        <translation>&lt;b&gt;1 cita agendada queda fuera de la nueva ventana&lt;/b&gt; y se volverá a agendar en la fecha sugerida: avise al participante.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{count} booked appointments fall outside the new window&lt;/b&gt; and will be re-booked on the suggested date: tell the participant.</source>
        <translation>&lt;b&gt;{count} citas agendadas quedan fuera de la nueva ventana&lt;/b&gt; y se volverán a agendar en la fecha sugerida: avise al participante.</translation>
    </message>
    <message>
        <source>this participant&apos;s record</source>
        <translation>el registro de este participante</translation>
    </message>
    <message>
        <source>Check the input</source>
        <translation>Revise los datos</translation>
    </message>
    <message>
        <source>Check the date</source>
        <translation>Revise la fecha</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Check before saving</source>
        <translation>Revise antes de guardar</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Guardar de todos modos</translation>
    </message>
</context>
<context>
    <name>SiteSettingsDialog</name>
    <message>
        <source>That date is already in the list.</source>
        <translation>Esa fecha ya está en la lista.</translation>
    </message>
    <message>
        <source>The site needs a name.</source>
        <translation>El centro necesita un nombre.</translation>
    </message>
    <message>
        <source>The calendar server is being checked: wait for its answer.</source>
        <translation>Se está comprobando el servidor del calendario: espere su respuesta.</translation>
    </message>
    <message>
        <source>Give the reason for the change (it goes in the audit trail).</source>
        <translation>Indique el motivo del cambio (queda en el registro de auditoría).</translation>
    </message>
    <message>
        <source>the site settings</source>
        <translation>la configuración del centro</translation>
    </message>
    <message>
        <source>The calendar is not set up: {message} The site settings themselves are saved.</source>
        <translation>El calendario no está configurado: {message} La configuración del centro sí se guardó.</translation>
    </message>
</context>
<context>
    <name>UnscheduledVisitDialog</name>
    <message>
        <source>choose or type the reason</source>
        <translation>elija o escriba el motivo</translation>
    </message>
    <message>
        <source>Add visit</source>
        <translation>Agregar visita</translation>
    </message>
    <message>
        <source>Give the reason for the unscheduled visit.</source>
        <translation>Indique el motivo de la visita no programada.</translation>
    </message>
    <message>
        <source>Tick at least one procedure.</source>
        <translation>Marque al menos un procedimiento.</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>{day} at {time}</source>
        <translation>{day} a las {time}</translation>
    </message>
    <message>
        <source> (not booked yet)</source>
        <translation> (todavía sin agendar)</translation>
    </message>
</context>
<context>
    <name>VisitServiceDialog</name>
    <message>
        <source>this visit</source>
        <translation>esta visita</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw</source>
        <extracomment>Rows of the preview list shown without scrolling when the screen has room; more scroll.</extracomment>
        <translation>Retirar</translation>
    </message>
    <message>
        <source>{heading} ({count})</source>
        <translation>{heading} ({count})</translation>
    </message>
    <message>
        <source>{visit}: {outcome}</source>
        <translation>{visit}: {outcome}</translation>
    </message>
    <message>
        <source>Saving will {actions}. Check the list below before you save.</source>
        <translation>Al guardar, el programa va a {actions}. Revise la lista de abajo antes de guardar.</translation>
    </message>
    <message>
        <source>Saving changes no visit. Check the list below before you save.</source>
        <translation>Al guardar no cambia ninguna visita. Revise la lista de abajo antes de guardar.</translation>
    </message>
    <message>
        <source>The withdrawal date cannot be after today.</source>
        <translation>La fecha de retiro no puede ser posterior a hoy.</translation>
    </message>
    <message>
        <source>The withdrawal cannot be previewed.</source>
        <translation>No se puede mostrar la vista previa del retiro.</translation>
    </message>
    <message>
        <source>{day}{time}, booked</source>
        <translation>{day}{time}, agendada</translation>
    </message>
    <message>
        <source>Of the visits to cancel, 1 is a booked appointment ({visits}): tell the participant it is called off.</source>
        <translation>De las visitas que se cancelan, 1 es una cita agendada ({visits}): avise al participante de que queda anulada.</translation>
    </message>
    <message>
        <source>Of the visits to cancel, {count} are booked appointments ({visits}): tell the participant they are called off.</source>
        <translation>De las visitas que se cancelan, {count} son citas agendadas ({visits}): avise al participante de que quedan anuladas.</translation>
    </message>
    <message>
        <source>Give the reason for the withdrawal.</source>
        <translation>Indique el motivo del retiro.</translation>
    </message>
    <message>
        <source>record 1 visit missed ({why})</source>
        <translation>registrar 1 visita como no realizada ({why})</translation>
    </message>
    <message>
        <source>record {count} visits missed ({why})</source>
        <translation>registrar {count} visitas como no realizadas ({why})</translation>
    </message>
    <message>
        <source>cancel 1 visit</source>
        <translation>cancelar 1 visita</translation>
    </message>
    <message>
        <source>cancel {count} visits</source>
        <translation>cancelar {count} visitas</translation>
    </message>
    <message>
        <source>the {visit} visit</source>
        <translation>la visita {visit}</translation>
    </message>
    <message>
        <source>add {visits}</source>
        <translation>agregar {visits}</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} y {last}</translation>
    </message>
</context>
</TS>
