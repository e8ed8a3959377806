<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US">
<context>
    <name>BookPlanDialog</name>
    <message>
        <source>Book visits</source>
        <translation>Agendar visitas</translation>
    </message>
    <message>
        <source>Visits:</source>
        <translation>Visitas:</translation>
    </message>
    <message>
        <source>&amp;Screening to Day 4</source>
        <translation>De la &amp;selección al Día 4</translation>
    </message>
    <message>
        <source>&amp;Unbooked, window opening within</source>
        <translation>&amp;No agendadas, ventana que abre en</translation>
    </message>
    <message>
        <source>Weeks ahead: window opening within</source>
        <translation>Semanas: ventana que abre en</translation>
    </message>
    <message>
        <source> weeks</source>
        <translation> semanas</translation>
    </message>
    <message>
        <source>Visits to book</source>
        <translation>Visitas por agendar</translation>
    </message>
    <message>
        <source>&amp;Time for every ticked visit:</source>
        <translation>&amp;Hora para cada visita marcada:</translation>
    </message>
    <message>
        <source>&amp;Apply to all</source>
        <translation>&amp;Aplicar a todas</translation>
    </message>
    <message>
        <source>Then open their &amp;worksheet packet (preview, print or save the booked visits&apos; worksheets as one PDF)</source>
        <translation>Luego abrir su paquete de hojas de &amp;trabajo (vista previa, imprimir o guardar en un solo PDF las hojas de trabajo de las visitas agendadas)</translation>
    </message>
</context>
<context>
    <name>BookVisitDialog</name>
    <message>
        <source>Book or move a visit</source>
        <translation>Agendar o mover una visita</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Fecha:</translation>
    </message>
    <message>
        <source>At a &amp;time:</source>
        <translation>A una &amp;hora:</translation>
    </message>
    <message>
        <source>Appointment time</source>
        <translation>Hora de la cita</translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation>HH:MM</translation>
    </message>
    <message>
        <source>The appointment time, 24-hour clock: 09:30, 9:30 or 0930</source>
        <translation>La hora de la cita, en formato de 24 horas: 09:30, 9:30 o 0930</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>required for a date outside the window</source>
        <translation>obligatorio para una fecha fuera de la ventana</translation>
    </message>
</context>
<context>
    <name>CalendarPublishingBox</name>
    <message>
        <source>Calendar publishing (CalDAV)</source>
        <translation>Publicación del calendario (CalDAV)</translation>
    </message>
    <message>
        <source>Calendar UR&amp;L:</source>
        <translation>URL del ca&amp;lendario:</translation>
    </message>
    <message>
        <source>User na&amp;me:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>C&amp;ontraseña:</translation>
    </message>
    <message>
        <source>kept in this computer&apos;s keyring, never in a file</source>
        <translation>se guarda en el llavero de esta computadora, nunca en un archivo</translation>
    </message>
    <message>
        <source>Test &amp;connection</source>
        <translation>&amp;Probar conexión</translation>
    </message>
    <message>
        <source>Log in with the address, user and password above and check the calendar is there (nothing is sent)</source>
        <translation>Iniciar sesión con la dirección, el usuario y la contraseña de arriba y comprobar que el calendario existe (no se envía nada)</translation>
    </message>
    <message>
        <source>Pu&amp;blish now</source>
        <translation>Pu&amp;blicar ahora</translation>
    </message>
    <message>
        <source>Send every change still waiting to the calendar now, without waiting for the next automatic sync</source>
        <translation>Enviar ahora al calendario todos los cambios pendientes, sin esperar la próxima sincronización automática</translation>
    </message>
    <message>
        <source>Sent to the server: participant ID, visit name, dates and procedure codes; never initials, names or notes. Leave the address empty to stop publishing.</source>
        <translation>Se envía al servidor: ID del participante, nombre de la visita, fechas y códigos de procedimientos; nunca iniciales, nombres ni notas. Deje la dirección vacía para dejar de publicar.</translation>
    </message>
</context>
<context>
    <name>ChangeCohortDialog</name>
    <message>
        <source>Change cohort</source>
        <translation>Cambiar cohorte</translation>
    </message>
    <message>
        <source>&amp;New cohort:</source>
        <translation>&amp;Nueva cohorte:</translation>
    </message>
    <message>
        <source>New cohort</source>
        <translation>Nueva cohorte</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>Reason for the cohort change</source>
        <translation>Motivo del cambio de cohorte</translation>
    </message>
    <message>
        <source>Goes in the audit trail, e.g. enrolled in the wrong cohort</source>
        <translation>Queda en el registro de auditoría; p. ej., inscrito en la cohorte equivocada</translation>
    </message>
    <message>
        <source>Visits the new cohort adds, cancels or moves</source>
        <translation>Visitas que la nueva cohorte agrega, cancela o mueve</translation>
    </message>
</context>
<context>
    <name>ChangeLanguageDialog</name>
    <message>
        <source>Change language</source>
        <translation>Cambiar idioma</translation>
    </message>
    <message>
        <source>The language of what the participant takes home: the take-home schedule and the personal calendar.</source>
        <translation>El idioma de los documentos que el participante se lleva a casa: el cronograma para llevar a casa y el calendario personal.</translation>
    </message>
    <message>
        <source>Current language:</source>
        <translation>Idioma actual:</translation>
    </message>
    <message>
        <source>&amp;New language:</source>
        <translation>&amp;Nuevo idioma:</translation>
    </message>
    <message>
        <source>New language</source>
        <translation>Nuevo idioma</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>Reason for the language change</source>
        <translation>Motivo del cambio de idioma</translation>
    </message>
    <message>
        <source>Goes in the audit trail, e.g. reads Spanish at home</source>
        <translation>Queda en el registro de auditoría; p. ej., lee en español en casa</translation>
    </message>
</context>
<context>
    <name>ChangeProtocolDialog</name>
    <message>
        <source>Change protocol version</source>
        <translation>Cambiar versión del protocolo</translation>
    </message>
    <message>
        <source>Amended protocol file:</source>
        <translation>Archivo del protocolo enmendado:</translation>
    </message>
    <message>
        <source>Amended protocol file</source>
        <translation>Archivo del protocolo enmendado</translation>
    </message>
    <message>
        <source>none chosen yet: the amended protocol file (.toml) you were given</source>
        <translation>ninguno elegido aún: el archivo del protocolo enmendado (.toml) que le entregaron</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>Elegir &amp;archivo…</translation>
    </message>
    <message>
        <source>Follows now:</source>
        <translation>Sigue ahora:</translation>
    </message>
    <message>
        <source>Would move to:</source>
        <translation>Pasaría a:</translation>
    </message>
    <message>
        <source>Visits that change</source>
        <translation>Visitas que cambian</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>required: the amendment and its approval, e.g. &quot;Amendment 2 approved by the IRB on 2027-02-01&quot;</source>
        <translation>obligatorio: la enmienda y su aprobación; p. ej., &quot;Enmienda 2 aprobada por el IRB el 2027-02-01&quot;</translation>
    </message>
</context>
<context>
    <name>CompleteVisitDialog</name>
    <message>
        <source>Visit done</source>
        <translation>Visita realizada</translation>
    </message>
    <message>
        <source>&amp;Done on:</source>
        <translation>&amp;Realizada el:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>required when done outside the window</source>
        <translation>obligatorio si se realizó fuera de la ventana</translation>
    </message>
    <message>
        <source>Procedure &amp;checklist: tick Done or Not done for each procedure (give the reason for anything not done):</source>
        <translation>&amp;Lista de procedimientos: marque Realizado o No realizado en cada uno (indique el motivo de lo no realizado):</translation>
    </message>
    <message>
        <source>Mark re&amp;maining done</source>
        <translation>Marcar &amp;pendientes como realizados</translation>
    </message>
    <message>
        <source>Tick Done for every procedure not recorded yet (those marked Not done keep their reason)</source>
        <translation>Marcar Realizado en cada procedimiento aún sin registrar (los marcados No realizado conservan su motivo)</translation>
    </message>
</context>
<context>
    <name>CorrectEntryDialog</name>
    <message>
        <source>Correct an entry</source>
        <translation>Corregir una entrada</translation>
    </message>
    <message>
        <source>&amp;Entry to correct:</source>
        <translation>&amp;Entrada a corregir:</translation>
    </message>
    <message>
        <source>choose the entry made in error</source>
        <translation>elija la entrada hecha por error</translation>
    </message>
    <message>
        <source>&amp;Done on:</source>
        <translation>&amp;Realizada el:</translation>
    </message>
    <message>
        <source>The day the visit was done</source>
        <translation>El día en que se realizó la visita</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Motivo (obligatorio):</translation>
    </message>
    <message>
        <source>e.g. date typed for the wrong participant</source>
        <translation>p. ej., fecha ingresada para el participante equivocado</translation>
    </message>
    <message>
        <source>The entry is marked “entered in error” and cleared; nothing is deleted: the audit trail keeps the old value, who corrected it, when and why.</source>
        <translation>La entrada se marca como “ingresada por error” y queda sin valor; no se elimina nada: el registro de auditoría conserva el valor anterior, quién lo corrigió, cuándo y por qué.</translation>
    </message>
</context>
<context>
    <name>DatabaseConnectionDialog</name>
    <message>
        <source>Database connection</source>
        <translation>Conexión a la base de datos</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Archivo:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>For one computer. A database shared by several workstations must be on PostgreSQL, not a file on a network drive.</source>
        <translation>Para una sola computadora. Una base de datos compartida por varias estaciones de trabajo debe estar en PostgreSQL, no en un archivo de una unidad de red.</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>e.g. db.hospital.local</source>
        <translation>p. ej., db.hospital.local</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Base de datos:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <source>Passwords are never stored in the settings: use ~/.pgpass (Windows: %APPDATA%\postgresql\pgpass.conf) or ask your IT department.</source>
        <translation>Las contraseñas nunca se guardan en la configuración: use ~/.pgpass (Windows: %APPDATA%\postgresql\pgpass.conf) o consulte a su departamento de TI.</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>P&amp;robar conexión</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>New participant</source>
        <translation>Nuevo participante</translation>
    </message>
    <message>
        <source>Enter the study participant ID and initials only: no names are stored.</source>
        <translation>Ingrese solo el ID del participante en el estudio y sus iniciales: no se guardan nombres.</translation>
    </message>
    <message>
        <source>Participant &amp;ID:</source>
        <translation>&amp;ID del participante:</translation>
    </message>
    <message>
        <source>e.g. 104-001</source>
        <translation>p. ej., 104-001</translation>
    </message>
    <message>
        <source>I&amp;nitials:</source>
        <translation>I&amp;niciales:</translation>
    </message>
    <message>
        <source>2 to 4 letters, e.g. JQD</source>
        <translation>de 2 a 4 letras; p. ej., JQD</translation>
    </message>
    <message>
        <source>&amp;Screening done on:</source>
        <translation>&amp;Selección realizada el:</translation>
    </message>
    <message>
        <source>Co&amp;hort:</source>
        <translation>&amp;Cohorte:</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>Cohorte</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>Idio&amp;ma:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The language of what the participant takes home (the take-home schedule, the personal calendar)</source>
        <translation>El idioma de los documentos que el participante se lleva a casa (el cronograma para llevar a casa, el calendario personal)</translation>
    </message>
    <message>
        <source>Screening date</source>
        <translation>Fecha de selección</translation>
    </message>
    <message>
        <source>&amp;Conditioning starts on:</source>
        <translation>Inicio del &amp;acondicionamiento:</translation>
    </message>
    <message>
        <source>Conditioning start date</source>
        <translation>Fecha de inicio del acondicionamiento</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Welcome to LN Visit Scheduler</source>
        <translation>Le damos la bienvenida a LN Visit Scheduler</translation>
    </message>
    <message>
        <source>&lt;b&gt;A new database was created.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Se creó una base de datos nueva.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Start &amp;empty: set up the site, then enrol participants</source>
        <translation>Empezar &amp;vacía: configure el centro y luego inscriba participantes</translation>
    </message>
    <message>
        <source>Load the &amp;demo site: about 20 made-up participants at every stage of the study, to try the application out (not for real data)</source>
        <translation>Cargar el centro de &amp;demostración: unos 20 participantes ficticios en todas las etapas del estudio, para probar la aplicación (no para datos reales)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LN Visit Scheduler</source>
        <translation>LN Visit Scheduler</translation>
    </message>
    <message>
        <source>Wor&amp;klist</source>
        <translation>Lista de &amp;trabajo</translation>
    </message>
    <message>
        <source>Month &amp;calendar</source>
        <translation>Calendario &amp;mensual</translation>
    </message>
    <message>
        <source>Par&amp;ticipants</source>
        <translation>Participa&amp;ntes</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Participant</source>
        <translation>&amp;Participante</translation>
    </message>
    <message>
        <source>&amp;Visit</source>
        <translation>&amp;Visita</translation>
    </message>
    <message>
        <source>Vie&amp;w</source>
        <translation>V&amp;er</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>&amp;Abrir base de datos…</translation>
    </message>
    <message>
        <source>Choose the database (a file here or a shared PostgreSQL server)</source>
        <translation>Elegir la base de datos (un archivo en esta computadora o un servidor PostgreSQL compartido)</translation>
    </message>
    <message>
        <source>&amp;Site settings…</source>
        <translation>&amp;Configuración del centro…</translation>
    </message>
    <message>
        <source>&amp;Verify audit trail</source>
        <translation>&amp;Verificar registro de auditoría</translation>
    </message>
    <message>
        <source>&amp;Back up database…</source>
        <translation>&amp;Respaldar base de datos…</translation>
    </message>
    <message>
        <source>Write a checked copy of the whole database to a new SQLite file (File › Open database opens it)</source>
        <translation>Escribir una copia verificada de toda la base de datos en un archivo SQLite nuevo (Archivo › Abrir base de datos la abre)</translation>
    </message>
    <message>
        <source>Publish &amp;calendar now</source>
        <translation>Publicar ca&amp;lendario ahora</translation>
    </message>
    <message>
        <source>Send the changes waiting for the published calendar now (set it up in Site settings)</source>
        <translation>Enviar ahora los cambios pendientes al calendario publicado (se configura en Configuración del centro)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;New participant…</source>
        <translation>&amp;Nuevo participante…</translation>
    </message>
    <message>
        <source>&amp;Plan conditioning…</source>
        <translation>&amp;Planificar acondicionamiento…</translation>
    </message>
    <message>
        <source>B&amp;ook visits…</source>
        <translation>A&amp;gendar visitas…</translation>
    </message>
    <message>
        <source>Book several proposed dates at once (screening to Day 4, or every visit whose window opens soon), each with an optional time</source>
        <translation>Agendar varias fechas propuestas a la vez (de la selección al Día 4, o cada visita cuya ventana abre pronto), cada una con una hora opcional</translation>
    </message>
    <message>
        <source>Record &amp;conditioning…</source>
        <translation>Registrar a&amp;condicionamiento…</translation>
    </message>
    <message>
        <source>Record &amp;infusion…</source>
        <translation>Registrar &amp;infusión…</translation>
    </message>
    <message>
        <source>Record a &amp;later dose…</source>
        <translation>Registrar una dosis po&amp;sterior…</translation>
    </message>
    <message>
        <source>Record dose 2 or 3 (multi-dose cohorts) as given on a date, or as not given with a reason; every visit it moves or cancels is shown first</source>
        <translation>Registrar la dosis 2 o 3 (cohortes de varias dosis) como administrada en una fecha, o como no administrada con un motivo; antes se muestra cada visita que mueve o cancela</translation>
    </message>
    <message>
        <source>Chan&amp;ge cohort…</source>
        <translation>Cambiar co&amp;horte…</translation>
    </message>
    <message>
        <source>Move the participant to another cohort of their protocol version (until conditioning is recorded; a reason is required)</source>
        <translation>Pasar al participante a otra cohorte de su versión del protocolo (hasta que se registre el acondicionamiento; se requiere un motivo)</translation>
    </message>
    <message>
        <source>Take-ho&amp;me language…</source>
        <translation>Idioma de lo &amp;que lleva a casa…</translation>
    </message>
    <message>
        <source>The language of what the participant takes home (take-home schedule, personal calendar); a reason is required</source>
        <translation>El idioma de los documentos que el participante se lleva a casa (cronograma para llevar a casa, calendario personal); se requiere un motivo</translation>
    </message>
    <message>
        <source>&amp;Unscheduled visit…</source>
        <translation>Visita no progra&amp;mada…</translation>
    </message>
    <message>
        <source>Change p&amp;rotocol version…</source>
        <translation>Cambiar versión del pro&amp;tocolo…</translation>
    </message>
    <message>
        <source>Move the participant&apos;s calendar to an amended protocol version (every visit that changes is shown first; a reason is required)</source>
        <translation>Pasar el calendario del participante a una versión enmendada del protocolo (antes se muestra cada visita que cambia; se requiere un motivo)</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>&amp;Retirar…</translation>
    </message>
    <message>
        <source>Pre&amp;view schedule</source>
        <translation>&amp;Vista previa del cronograma</translation>
    </message>
    <message>
        <source>Print &amp;schedule…</source>
        <translation>Imprimir cr&amp;onograma…</translation>
    </message>
    <message>
        <source>Schedule as P&amp;DF…</source>
        <translation>Cronograma en P&amp;DF…</translation>
    </message>
    <message>
        <source>Worksheet pack&amp;et…</source>
        <translation>Paqu&amp;ete de hojas de trabajo…</translation>
    </message>
    <message>
        <source>Preview, print or save as one PDF the worksheets of chosen visits (default: those booked in the next weeks)</source>
        <translation>Vista previa, imprimir o guardar en un solo PDF las hojas de trabajo de las visitas elegidas (por omisión: las agendadas en las próximas semanas)</translation>
    </message>
    <message>
        <source>Preview take-&amp;home schedule</source>
        <translation>Vista previa del cronograma para e&amp;l participante</translation>
    </message>
    <message>
        <source>Print &amp;take-home schedule…</source>
        <translation>Imprimir cronograma p&amp;ara el participante…</translation>
    </message>
    <message>
        <source>Ta&amp;ke-home schedule as PDF…</source>
        <translation>Cronograma para el participante en PD&amp;F…</translation>
    </message>
    <message>
        <source>Personal calendar &amp;for the participant&apos;s phone…</source>
        <translation>Calendario personal para el cel&amp;ular del participante…</translation>
    </message>
    <message>
        <source>Save the participant&apos;s coming visits as a calendar file (.ics) for their phone, in their language, with reminders: no ID, initials or codes</source>
        <translation>Guardar las próximas visitas del participante como archivo de calendario (.ics) para su celular, en su idioma, con recordatorios: sin ID, iniciales ni códigos</translation>
    </message>
    <message>
        <source>Export c&amp;alendar (.ics)…</source>
        <translation>E&amp;xportar calendario (.ics)…</translation>
    </message>
    <message>
        <source>Export ta&amp;ble (.csv)…</source>
        <translation>Exportar ta&amp;bla (.csv)…</translation>
    </message>
    <message>
        <source>&amp;Open visit</source>
        <translation>&amp;Abrir visita</translation>
    </message>
    <message>
        <source>&amp;Book / move…</source>
        <translation>A&amp;gendar / mover…</translation>
    </message>
    <message>
        <source>Visit &amp;done…</source>
        <translation>Visita &amp;realizada…</translation>
    </message>
    <message>
        <source>&amp;Missed…</source>
        <translation>&amp;No realizada…</translation>
    </message>
    <message>
        <source>&amp;Correct an entry…</source>
        <translation>&amp;Corregir una entrada…</translation>
    </message>
    <message>
        <source>Pre&amp;view worksheet</source>
        <translation>&amp;Vista previa de la hoja de trabajo</translation>
    </message>
    <message>
        <source>&amp;Print worksheet…</source>
        <translation>&amp;Imprimir hoja de trabajo…</translation>
    </message>
    <message>
        <source>Worksheet as PD&amp;F…</source>
        <translation>Hoja de trabajo en PD&amp;F…</translation>
    </message>
    <message>
        <source>&amp;Worklist</source>
        <translation>&amp;Lista de trabajo</translation>
    </message>
    <message>
        <source>&amp;Day at a glance</source>
        <translation>Resumen del &amp;día</translation>
    </message>
    <message>
        <source>The worklist&apos;s day view: booked today in time order, late and overdue apart, to book and closing soon</source>
        <translation>La vista del día de la lista de trabajo: agendadas hoy por hora, atrasadas y vencidas aparte, por agendar y por cerrar</translation>
    </message>
    <message>
        <source>&amp;Participants</source>
        <translation>&amp;Participantes</translation>
    </message>
    <message>
        <source>&amp;Find participant</source>
        <translation>&amp;Buscar participante</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>A&amp;cerca de</translation>
    </message>
</context>
<context>
    <name>MissVisitDialog</name>
    <message>
        <source>Visit missed</source>
        <translation>Visita no realizada</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>The visit stays on the calendar as missed (a protocol deviation); nothing is deleted.</source>
        <translation>La visita queda en el calendario como no realizada (una desviación del protocolo); no se elimina nada.</translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message>
        <source>Previous month (Page Up)</source>
        <translation>Mes anterior (Re Pág)</translation>
    </message>
    <message>
        <source>Next month (Page Down)</source>
        <translation>Mes siguiente (Av Pág)</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <source>Month calendar</source>
        <translation>Calendario mensual</translation>
    </message>
    <message>
        <source>Visits on the selected day</source>
        <translation>Visitas del día seleccionado</translation>
    </message>
    <message>
        <source>Open visit</source>
        <translation>Abrir visita</translation>
    </message>
</context>
<context>
    <name>PacketDialog</name>
    <message>
        <source>Worksheet packet</source>
        <translation>Paquete de hojas de trabajo</translation>
    </message>
    <message>
        <source>&amp;Booked in the next</source>
        <translation>&amp;Agendadas en los próximos</translation>
    </message>
    <message>
        <source>Booked in the next days</source>
        <translation>Agendadas en los próximos días</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>&amp;Chosen visits (tick them below)</source>
        <translation>Visitas &amp;elegidas (márquelas abajo)</translation>
    </message>
    <message>
        <source>Visits in the packet</source>
        <translation>Visitas del paquete</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>&amp;Vista previa</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Guardar en P&amp;DF…</translation>
    </message>
</context>
<context>
    <name>ParticipantView</name>
    <message>
        <source>Show participants by status</source>
        <translation>Mostrar participantes por estado</translation>
    </message>
    <message>
        <source>Show participants by cohort</source>
        <translation>Mostrar participantes por cohorte</translation>
    </message>
    <message>
        <source>Show the participants of one cohort</source>
        <translation>Mostrar los participantes de una cohorte</translation>
    </message>
    <message>
        <source>Find participant</source>
        <translation>Buscar participante</translation>
    </message>
    <message>
        <source>Find participant ID</source>
        <translation>Buscar por ID</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participantes</translation>
    </message>
    <message>
        <source>New participant…</source>
        <translation>Nuevo participante…</translation>
    </message>
    <message>
        <source>Plan conditioning…</source>
        <translation>Planificar acond.…</translation>
    </message>
    <message>
        <source>Book visits…</source>
        <translation>Agendar visitas…</translation>
    </message>
    <message>
        <source>Record conditioning…</source>
        <translation>Registrar acond.…</translation>
    </message>
    <message>
        <source>Record infusion…</source>
        <translation>Registrar infusión…</translation>
    </message>
    <message>
        <source>Record dose…</source>
        <translation>Registrar dosis…</translation>
    </message>
    <message>
        <source>Unscheduled visit…</source>
        <translation>Visita no programada…</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>Retirar…</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Cronograma</translation>
    </message>
    <message>
        <source>The site&apos;s schedule of this participant: preview, print or save as PDF</source>
        <translation>El cronograma del centro para este participante: vista previa, imprimir o guardar en PDF</translation>
    </message>
    <message>
        <source>Worksheet packet…</source>
        <translation>Paquete de hojas…</translation>
    </message>
    <message>
        <source>Take-home schedule</source>
        <translation>Cronograma del participante</translation>
    </message>
    <message>
        <source>The participant&apos;s own copy, in plain words: preview, print or save as PDF</source>
        <translation>La copia del propio participante, en palabras sencillas: vista previa, imprimir o guardar en PDF</translation>
    </message>
    <message>
        <source>Export .ics…</source>
        <translation>Exportar .ics…</translation>
    </message>
    <message>
        <source>Export .csv…</source>
        <translation>Exportar .csv…</translation>
    </message>
    <message>
        <source>Change protocol…</source>
        <translation>Cambiar protocolo…</translation>
    </message>
    <message>
        <source>Move this participant&apos;s calendar to an amended protocol version</source>
        <translation>Pasar el calendario de este participante a una versión enmendada del protocolo</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Cronología</translation>
    </message>
    <message>
        <source>Visit timeline</source>
        <translation>Cronología de visitas</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Registro de auditoría</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Pap&amp;er:</source>
        <translation>&amp;Papel:</translation>
    </message>
    <message>
        <source>&amp;Zoom:</source>
        <translation>&amp;Zoom:</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Guardar en PDF…</translation>
    </message>
</context>
<context>
    <name>PlanConditioningDialog</name>
    <message>
        <source>Plan conditioning</source>
        <translation>Planificar acondicionamiento</translation>
    </message>
    <message>
        <source>&amp;First conditioning day (LD1):</source>
        <translation>&amp;Primer día de acondicionamiento (LD1):</translation>
    </message>
    <message>
        <source>Planned infusion (Day 1):</source>
        <translation>Infusión prevista (Día 1):</translation>
    </message>
    <message>
        <source>&amp;Reason for a change:</source>
        <translation>&amp;Motivo del cambio:</translation>
    </message>
    <message>
        <source>required when changing an earlier plan</source>
        <translation>obligatorio al cambiar un plan anterior</translation>
    </message>
    <message>
        <source>&amp;Suggested start dates: conditioning and Days 1 to 4 all fall on days the site is open</source>
        <translation>Fechas de inicio &amp;sugeridas: el acondicionamiento y los Días 1 a 4 caen en días en que el centro abre</translation>
    </message>
    <message>
        <source>Search from:</source>
        <translation>Buscar desde:</translation>
    </message>
    <message>
        <source>&amp;Book screening–Day 4 now (opens the booking of those dates after Plan)</source>
        <translation>&amp;Agendar ahora selección–Día 4 (abre la agenda de esas fechas después de Planificar)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <source>&amp;Reload from the database every:</source>
        <translation>&amp;Recargar de la base de datos cada:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>only when the window regains focus</source>
        <translation>solo cuando la ventana recupera el foco</translation>
    </message>
    <message>
        <source>&amp;Paper for worksheets:</source>
        <translation>&amp;Papel de las hojas de trabajo:</translation>
    </message>
    <message>
        <source>Calendar exports: re&amp;minder</source>
        <translation>Calendarios exportados: re&amp;cordatorio</translation>
    </message>
    <message>
        <source> day(s) before</source>
        <translation> día(s) antes</translation>
    </message>
    <message>
        <source>no reminder</source>
        <translation>sin recordatorio</translation>
    </message>
    <message>
        <source>Day at a glance: &amp;to book within</source>
        <translation>Resumen del día: por &amp;agendar en</translation>
    </message>
    <message>
        <source> days (windows opening)</source>
        <translation> días (ventanas que abren)</translation>
    </message>
    <message>
        <source>These preferences belong to you on this computer; site settings (closures, time zone) are shared by everyone and are under File › Site settings.</source>
        <translation>Estas preferencias son suyas en esta computadora; la configuración del centro (cierres, zona horaria) la comparten todos y está en Archivo › Configuración del centro.</translation>
    </message>
</context>
<context>
    <name>RecordConditioningDialog</name>
    <message>
        <source>Record conditioning</source>
        <translation>Registrar acondicionamiento</translation>
    </message>
    <message>
        <source>&amp;First day (LD1) given on:</source>
        <translation>&amp;Primer día (LD1) administrado el:</translation>
    </message>
    <message>
        <source>&amp;Days given so far:</source>
        <translation>&amp;Días administrados hasta ahora:</translation>
    </message>
</context>
<context>
    <name>RecordDoseDialog</name>
    <message>
        <source>Record a later dose</source>
        <translation>Registrar una dosis posterior</translation>
    </message>
    <message>
        <source>&amp;Dose:</source>
        <translation>&amp;Dosis:</translation>
    </message>
    <message>
        <source>Dose to record</source>
        <translation>Dosis a registrar</translation>
    </message>
    <message>
        <source>&amp;Given on:</source>
        <translation>&amp;Administrada el:</translation>
    </message>
    <message>
        <source>Date the dose was given</source>
        <translation>Fecha en que se administró la dosis</translation>
    </message>
    <message>
        <source>&amp;Not given, because:</source>
        <translation>&amp;No administrada, porque:</translation>
    </message>
    <message>
        <source>Reason the dose was not given</source>
        <translation>Motivo por el que no se administró la dosis</translation>
    </message>
    <message>
        <source>e.g. grade 3 CRS after dose 2 (goes in the audit trail)</source>
        <translation>p. ej., CRS de grado 3 después de la dosis 2 (queda en el registro de auditoría)</translation>
    </message>
    <message>
        <source>Visits that move or are cancelled</source>
        <translation>Visitas que se mueven o se cancelan</translation>
    </message>
</context>
<context>
    <name>RecordInfusionDialog</name>
    <message>
        <source>Record infusion</source>
        <translation>Registrar infusión</translation>
    </message>
    <message>
        <source>&amp;Infusion date (Day 1):</source>
        <translation>Fecha de &amp;infusión (Día 1):</translation>
    </message>
    <message>
        <source>Dates that move</source>
        <translation>Fechas que se mueven</translation>
    </message>
</context>
<context>
    <name>SiteSettingsDialog</name>
    <message>
        <source>Site settings</source>
        <translation>Configuración del centro</translation>
    </message>
    <message>
        <source>Site &amp;name:</source>
        <translation>&amp;Nombre del centro:</translation>
    </message>
    <message>
        <source>Site n&amp;umber:</source>
        <translation>Número del cen&amp;tro:</translation>
    </message>
    <message>
        <source>e.g. 104</source>
        <translation>p. ej., 104</translation>
    </message>
    <message>
        <source>Study t&amp;eam phone:</source>
        <translation>Teléfono del &amp;equipo del estudio:</translation>
    </message>
    <message>
        <source>e.g. +1 (555) 010-0100 ext 12</source>
        <translation>p. ej., +1 (555) 010-0100 ext 12</translation>
    </message>
    <message>
        <source>The number participants call, printed on what they take home (digits, spaces, + ( ) - . and ext)</source>
        <translation>El número al que llaman los participantes, impreso en lo que se llevan a casa (dígitos, espacios, + ( ) - . y ext)</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zona horaria:</translation>
    </message>
    <message>
        <source>Site closed on:</source>
        <translation>Centro cerrado:</translation>
    </message>
    <message>
        <source>&amp;Weekends (Saturday and Sunday)</source>
        <translation>Fines de &amp;semana (sábado y domingo)</translation>
    </message>
    <message>
        <source>US federal &amp;holidays</source>
        <translation>&amp;Feriados federales de EE. UU.</translation>
    </message>
    <message>
        <source>Other closure &amp;dates (site holidays, audits, moves)</source>
        <translation>Otras fechas de &amp;cierre (feriados del centro, auditorías, mudanzas)</translation>
    </message>
    <message>
        <source>&amp;Add date</source>
        <translation>A&amp;gregar fecha</translation>
    </message>
    <message>
        <source>&amp;Remove selected</source>
        <translation>&amp;Quitar seleccionadas</translation>
    </message>
    <message>
        <source>Rea&amp;son for the change:</source>
        <translation>&amp;Motivo del cambio:</translation>
    </message>
    <message>
        <source>kept in the audit trail</source>
        <translation>queda en el registro de auditoría</translation>
    </message>
    <message>
        <source>Visits already booked keep their dates; new calendars and suggestions use these rules.</source>
        <translation>Las visitas ya agendadas conservan sus fechas; los calendarios y las sugerencias nuevos usan estas reglas.</translation>
    </message>
</context>
<context>
    <name>UnscheduledVisitDialog</name>
    <message>
        <source>Unscheduled visit</source>
        <translation>Visita no programada</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Fecha:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>&amp;Procedures (the protocol&apos;s defaults are ticked; tick any others done):</source>
        <translation>&amp;Procedimientos (los predeterminados del protocolo están marcados; marque los demás realizados):</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Study day:</source>
        <translation>Día del estudio:</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Objetivo:</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>Ventana:</translation>
    </message>
    <message>
        <source>Scheduled:</source>
        <translation>Programada:</translation>
    </message>
    <message>
        <source>Done on:</source>
        <translation>Realizada el:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notas:</translation>
    </message>
    <message>
        <source>Procedures:</source>
        <translation>Procedimientos:</translation>
    </message>
    <message>
        <source>&amp;Book / move…</source>
        <translation>A&amp;gendar / mover…</translation>
    </message>
    <message>
        <source>Visit &amp;done…</source>
        <translation>Visita &amp;realizada…</translation>
    </message>
    <message>
        <source>&amp;Missed…</source>
        <translation>&amp;No realizada…</translation>
    </message>
    <message>
        <source>&amp;Correct entry…</source>
        <translation>&amp;Corregir entrada…</translation>
    </message>
    <message>
        <source>Pre&amp;view worksheet</source>
        <translation>&amp;Vista previa de la hoja</translation>
    </message>
    <message>
        <source>&amp;Print worksheet…</source>
        <translation>&amp;Imprimir hoja…</translation>
    </message>
    <message>
        <source>Save worksheet as PD&amp;F…</source>
        <translation>Guardar hoja en PD&amp;F…</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw participant</source>
        <translation>Retirar participante</translation>
    </message>
    <message>
        <source>&amp;Withdrawal date:</source>
        <translation>&amp;Fecha de retiro:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obligatorio</translation>
    </message>
    <message>
        <source>Visits the withdrawal changes</source>
        <translation>Visitas que cambia el retiro</translation>
    </message>
    <message>
        <source>Every visit Save will change: recorded missed, cancelled, or added</source>
        <translation>Cada visita que Guardar cambiará: registrada como no realizada, cancelada o agregada</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
</context>
<context>
    <name>WorklistView</name>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Day at a glance</source>
        <translation>Resumen del día</translation>
    </message>
    <message>
        <source>Booked today in time order, carried-over late and overdue visits, visits to book and windows closing soon (Ctrl+T)</source>
        <translation>Agendadas hoy por hora, visitas atrasadas y vencidas pendientes, visitas por agendar y ventanas por cerrar (Ctrl+T)</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>Próxima semana</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>Fechas:</translation>
    </message>
    <message>
        <source>Worklist from date</source>
        <translation>Lista de trabajo desde la fecha</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Worklist to date</source>
        <translation>Lista de trabajo hasta la fecha</translation>
    </message>
    <message>
        <source>Filter the worklist</source>
        <translation>Filtrar la lista de trabajo</translation>
    </message>
    <message>
        <source>Find participant ID</source>
        <translation>Buscar por ID</translation>
    </message>
    <message>
        <source>Worklist</source>
        <translation>Lista de trabajo</translation>
    </message>
    <message>
        <source>Open visit</source>
        <translation>Abrir visita</translation>
    </message>
    <message>
        <source>Book / move…</source>
        <translation>Agendar / mover…</translation>
    </message>
    <message>
        <source>Done…</source>
        <translation>Realizada…</translation>
    </message>
    <message>
        <source>Missed…</source>
        <translation>No realizada…</translation>
    </message>
    <message>
        <source>Preview worksheets</source>
        <translation>Vista previa de hojas</translation>
    </message>
    <message>
        <source>Print worksheets…</source>
        <translation>Imprimir hojas…</translation>
    </message>
    <message>
        <source>Worksheets as PDF…</source>
        <translation>Hojas en PDF…</translation>
    </message>
    <message>
        <source>Save the worksheets of the selected visits (or of every visit listed) as one PDF</source>
        <translation>Guardar en un solo PDF las hojas de trabajo de las visitas seleccionadas (o de todas las listadas)</translation>
    </message>
    <message>
        <source>Export .ics…</source>
        <translation>Exportar .ics…</translation>
    </message>
    <message>
        <source>Export .csv…</source>
        <translation>Exportar .csv…</translation>
    </message>
</context>
</TS>
