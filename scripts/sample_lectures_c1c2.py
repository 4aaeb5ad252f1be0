"""Original lecture text for courses 1 and 2 of the bundled sample (written for coursesite).

Each lecture is a list of paragraphs; scripts/make_sample_transcripts.py turns them into timed cues."""

COURSE_1 = {
    "folder": "01-introduction-to-data-engineering",
    "title": "Introduction to Data Engineering",
    "description": "What data engineers do, how the data engineering lifecycle fits together, how to gather requirements, and the architecture principles and undercurrents that hold a data platform up.",
    "weeks": [
        {
            "folder": "week-1",
            "title": "Week 1: The Data Engineering Lifecycle",
            "description": "The role of the data engineer and the stages every piece of data passes through.",
            "lectures": [
                {
                    "file": "01-welcome-to-the-specialization",
                    "format": "srt",
                    "paragraphs": [
                        "Hello, and welcome to the specialization. Over four courses we are going to look at how data moves from the systems where it is born to the people and programs that use it. That journey is what data engineering is about.",
                        "You do not need to be an expert programmer to follow along. If you can read a little Python and a little SQL, you have what you need. Every week ends with a lab, and every lab runs on your own laptop with small, open tools such as SQLite and pandas.",
                        "In this first course we build a mental map. We will name the stages of the data engineering lifecycle, talk about how to find out what your stakeholders really need, and look at the principles that make an architecture last.",
                        "The second course goes deep on source systems and ingestion. The third is about storage and queries. The fourth covers modeling, transformation and serving, which is where data finally turns into value for someone.",
                        "Each week follows the same rhythm. A few short videos introduce the ideas, with examples from ordinary businesses: a shop, a delivery company, a hospital, a streaming service. Then the lab asks you to build a small version of the same thing, so the ideas turn into working code.",
                        "The transcripts of every video are on this site, with a timestamp on each paragraph. If you want to revisit one explanation, search for a phrase you remember and jump straight to it.",
                        "One piece of advice before we start: keep asking who will use the data and why. Tools change every few years. That question never does. Let's get started.",
                    ],
                    "spanish": [
                        "Hola, y bienvenidos a la especialización. A lo largo de cuatro cursos vamos a ver cómo se mueven los datos desde los sistemas donde nacen hasta las personas y los programas que los usan. De ese recorrido trata la ingeniería de datos.",
                        "No hace falta ser un programador experto para seguir el curso. Si sabes leer un poco de Python y un poco de SQL, tienes lo necesario. Cada semana termina con un laboratorio, y cada laboratorio funciona en tu propio portátil con herramientas pequeñas y abiertas como SQLite y pandas.",
                        "En este primer curso construimos un mapa mental. Vamos a nombrar las etapas del ciclo de vida de la ingeniería de datos, hablar de cómo descubrir lo que de verdad necesitan las partes interesadas y ver los principios que hacen que una arquitectura perdure.",
                        "El segundo curso profundiza en los sistemas de origen y la ingesta. El tercero trata del almacenamiento y las consultas. El cuarto cubre el modelado, la transformación y el servicio, que es donde los datos por fin se convierten en valor para alguien.",
                        "Cada semana sigue el mismo ritmo. Unos vídeos cortos presentan las ideas, con ejemplos de negocios corrientes: una tienda, una empresa de reparto, un hospital, un servicio de streaming. Después, el laboratorio te pide construir una versión pequeña de lo mismo, para que las ideas se conviertan en código que funciona.",
                        "Las transcripciones de todos los vídeos están en este sitio, con una marca de tiempo en cada párrafo. Si quieres repasar una explicación, busca una frase que recuerdes y salta directamente a ella.",
                        "Un consejo antes de empezar: pregunta siempre quién va a usar los datos y para qué. Las herramientas cambian cada pocos años. Esa pregunta nunca cambia. Empecemos.",
                    ],
                },
                {
                    "file": "02-what-data-engineers-do",
                    "format": "srt",
                    "paragraphs": [
                        "So what does a data engineer actually do all day? The short answer is that a data engineer builds and runs the systems that take raw data and turn it into something reliable that analysts, data scientists and applications can use.",
                        "Think of an online shop. Orders land in a transactional database. Clicks arrive as a stream of events. Marketing keeps spreadsheets. Finance exports files from an accounting tool every night. None of these was designed with analysis in mind.",
                        "The data engineer connects to each of these sources, moves the data somewhere it can be stored cheaply and queried quickly, cleans and reshapes it, and makes sure it arrives on time, every time. When something breaks at three in the morning, the data engineer is usually the one who finds out why.",
                        "It helps to compare the role with its neighbours. A data analyst asks questions of the data and explains the answers. A data scientist builds models that predict or classify. A software engineer builds the applications that produce the data in the first place. The data engineer sits in the middle and makes all of them productive.",
                        "A typical week mixes several kinds of work. Some days you build something new, such as a pipeline for a data source the company just started using. Other days you improve what exists: a job that takes four hours when it should take twenty minutes, or a table that analysts keep misreading.",
                        "That middle position is why communication matters as much as code. You will spend a lot of time agreeing on what a column means, how fresh a table must be, and who is allowed to see it. Good data engineers treat those conversations as part of the job, not as a distraction from it.",
                    ],
                },
                {
                    "file": "03 - The Lifecycle at a Glance (2 min)",
                    "format": "vtt",
                    "voices": True,
                    "paragraphs": [
                        "Let's walk through the data engineering lifecycle from end to end. It has five stages: generation, storage, ingestion, transformation and serving. Storage is drawn underneath the others, because every stage reads from it or writes to it.",
                        "Generation is where data is born: an application database, a sensor, a log file, a third-party API. As data engineers we usually do not own these systems. We have to understand how they behave, how often they change, and what happens when they fail.",
                        "Ingestion is how we get data out of those sources. Sometimes we copy a whole table once a day. Sometimes we read changes as they happen. The choice depends on how fresh the data must be and how much load the source can take.",
                        "Transformation turns raw records into useful ones. We fix types, remove duplicates, join tables together and compute business measures such as revenue per customer. This is where most of the logic of a pipeline lives.",
                        "Serving is the last mile. Dashboards, machine learning models and other applications read the transformed data. If nobody uses what we serve, the whole lifecycle was wasted effort, so we design backwards from the people at the end.",
                        "It is worth noticing that the stages are not always separate systems. A single tool may ingest and transform at the same time, and a warehouse may both store and serve. The lifecycle is a way of thinking about responsibilities, not a shopping list of products. When you look at any data platform, try to point at each stage and name who owns it.",
                        "Below all five stages run what we will call the undercurrents: security, data management, DataOps, architecture, orchestration and software engineering. We will come back to each of them in week four.",
                    ],
                },
            ],
        },
        {
            "folder": "week-2",
            "title": "Week 2: Requirements and Thinking Like a Data Engineer",
            "description": "How to find out what a data system must do before deciding how to build it.",
            "lectures": [
                {
                    "file": "01-gathering-requirements",
                    "format": "srt",
                    "paragraphs": [
                        "Every data project starts with a request, and the request is almost never the real requirement. Someone asks for a dashboard. What they need might be a weekly number they can trust, or an alert when something goes wrong.",
                        "A good way to get to the real requirement is to ask about decisions. What decision will this data help you make? How often do you make it? What do you do today, without the data? The answers tell you how fresh, how accurate and how detailed the data must be.",
                        "Write the answers down as functional and non-functional requirements. Functional requirements say what the system does, for example: load yesterday's orders and compute revenue by region. Non-functional requirements say how well it must do it: by seven in the morning, with less than one percent of rows missing, within this budget.",
                        "Let's try it with an example. A sales manager asks for a dashboard of all orders. You ask what she will decide with it, and learn that every Monday she moves stock between warehouses based on last week's sales by region. Suddenly the requirement is clear: sales by region and product, complete for the previous week, ready before nine on Monday. Hourly updates, which would have been expensive, are not needed at all.",
                        "Also ask what happens when the data is wrong or late. If the answer is that a truck leaves with the wrong stock, accuracy matters more than speed, and your checks should be strict. If the answer is that someone waits an hour, a simple retry may be enough.",
                        "Finally, play the requirements back to the people who gave them. A short written summary, reviewed together, catches misunderstandings while they are still cheap to fix.",
                    ],
                },
                {
                    "file": "02-working-with-stakeholders",
                    "format": "srt",
                    "paragraphs": [
                        "Stakeholders come in two groups. Upstream stakeholders own the systems that produce data: application teams, vendors, other departments. Downstream stakeholders consume what we build: analysts, data scientists, executives and other engineers.",
                        "With upstream teams, the most valuable thing you can agree on is what happens when things change. If a column is renamed or a table is dropped, will anyone tell you? A simple written agreement, sometimes called a data contract, turns surprises into planned work.",
                        "With downstream users, focus on trust. Explain where numbers come from, publish how fresh each table is, and say so openly when something is wrong. One silent error can undo months of good work, while an honest incident report usually builds confidence.",
                        "A practical habit is to keep a short list of the datasets you publish, with an owner, a description, the expected update time and a contact for questions. It takes an afternoon to write and saves many meetings. When a stakeholder asks whether a number is right, you can point to where it comes from, when it was last updated and which checks it passed.",
                        "Regular, short check-ins also help. Ten minutes every two weeks with your main users is often enough to learn about new needs before they become urgent requests.",
                        "When priorities conflict, make the trade-off visible. Write down the options, what each costs and what each delays, and let the people who own the outcome decide.",
                        "Across both groups, remember that <i>you</i> are also a stakeholder. Push back on requests that would make the system fragile, and explain the trade-off in terms the other person cares about: cost, delay or risk.",
                    ],
                },
            ],
        },
        {
            "folder": "week-3",
            "title": "Week 3: Data Architecture",
            "description": "Principles of good data architecture and the trade-off between batch and streaming.",
            "lectures": [
                {
                    "file": "01-principles-of-good-architecture",
                    "format": "srt",
                    "paragraphs": [
                        "What makes a data architecture good? Not the number of tools in the diagram. A good architecture serves the needs of the business today and can change cheaply when those needs change tomorrow.",
                        "A few principles help. Choose common components wisely, so teams share storage and tooling instead of rebuilding it. Plan for failure: assume every network call and every machine will eventually fail, and decide what should happen then. Architect for scalability, but only as far as you can foresee; paying for capacity you never use is also a failure.",
                        "Prefer loosely coupled systems. If the ingestion job and the reporting job only meet at a well-defined table, you can replace either one without touching the other. Tightly coupled systems feel faster to build and are much slower to change.",
                        "Make reversible decisions where you can. A file format you can convert later is a two-way door; a proprietary system that holds your only copy of the data is a one-way door. Spend your careful thinking on the one-way doors.",
                        "Cost is part of architecture too. In the cloud every query, every stored gigabyte and every idle machine appears on a bill. A design that is elegant but costs ten times more than the value it produces is not a good design. Track costs per pipeline, and make them visible to the teams who can change them.",
                        "And treat security as part of the design, not as a layer added at the end. Decide who can read each dataset on the first day, because retrofitting access control is painful.",
                    ],
                },
                {
                    "file": "02 - Batch vs Streaming Architectures (2 min)",
                    "format": "srt",
                    "paragraphs": [
                        "Batch and streaming are two ways of moving and processing data. In batch, we collect data over a period, say an hour or a day, and process it all at once. In streaming, we process each event shortly after it happens.",
                        "Batch is simpler. It is easy to rerun a daily job, easy to test, and cheap, because the machines only run when there is work. Most reporting is perfectly happy with data that is a few hours old.",
                        "Streaming shines when latency matters: fraud detection, live inventory, alerts on sensor readings. The price is complexity. Events arrive late or out of order, and the system has to keep running all the time.",
                        "Let's make this concrete with a delivery company. The finance team needs yesterday's deliveries by city every morning: that is a batch job. The customer app shows where a driver is right now: that needs a stream, because a position from an hour ago is useless. The same company, the same drivers, two very different requirements.",
                        "Also consider micro-batches, which run a small batch job every minute or so. They often give users the freshness they need while keeping most of the simplicity of batch.",
                        "Finally, remember that a streaming system is never finished: it must be watched, upgraded and restarted without losing events, which is an ongoing cost your team must be ready to carry.",
                        "Many real platforms combine the two. A stream feeds a live view for the few users who need it, and a nightly batch job recomputes the authoritative numbers. When you choose, start from the latency your users actually need, not from the technology you would like to try.",
                    ],
                },
            ],
        },
        {
            "folder": "week-4",
            "title": "Week 4: The Undercurrents",
            "description": "Security, data management, DataOps, orchestration and software engineering.",
            "lectures": [
                {
                    "file": "01-security-and-data-management",
                    "format": "srt",
                    "paragraphs": [
                        "The undercurrents are the practices that run beneath every stage of the lifecycle. We start with the two that protect people: security and data management.",
                        "Security begins with least privilege. Every person and every service gets only the access it needs, and nothing more. Credentials live in a secrets manager, not in code. Data is encrypted in transit and at rest, and access is logged so you can answer the question of who read what.",
                        "Data management is about knowing what data you have and keeping it fit for use. That includes a catalog that describes each dataset, clear ownership, data quality checks, lineage that shows where a number came from, and rules for how long data is kept.",
                        "A small example shows how these ideas work together. Suppose analysts need to study delivery times by neighbourhood. They do not need names or exact addresses, only a postcode area. So the pipeline drops names, replaces addresses with areas, and writes the result to a table the analysts can read. The raw table with full addresses stays locked to a few engineers, and every read of it is logged.",
                        "Data quality belongs here too. A catalog entry that says what a table means is only useful if the table really matches it, so the checks we write later in the specialization are part of data management as well.",
                        "Privacy ties the two together. Personal data should be collected only for a purpose, masked or removed when it is not needed, and deleted when a person asks. Designing for this from the start is far easier than searching a lake for every copy later.",
                    ],
                },
                {
                    "file": "02_dataops-and-orchestration",
                    "format": "vtt",
                    "paragraphs": [
                        "DataOps borrows the lessons of DevOps and applies them to data. The goal is to ship changes to pipelines quickly and safely, and to find problems before your users do.",
                        "Three habits carry most of the value. Automation: pipelines are deployed by scripts and version control, not by hand. Observability: every run reports how many rows it read and wrote, how long it took, and whether its checks passed. Incident response: when something fails, the team fixes it, tells the users, and writes down how to stop it from happening again.",
                        "Orchestration is the part that decides what runs when. An orchestrator knows that the revenue table depends on the orders table, waits for the first before starting the second, retries failed tasks, and shows the whole history in one place.",
                        "A useful way to measure DataOps is to ask two questions. How long does it take for a small, reviewed change to reach production? And how long does it take to notice and fix a broken pipeline? Good teams get both numbers down from days to hours, and then to minutes, by improving their automation and their monitoring step by step.",
                        "Orchestration is also where many teams first feel the value of these habits. Once every task is in one graph with its history, it becomes obvious which tasks fail often and which are slow.",
                        "Finally, software engineering practices hold everything together: code review, tests, modular code and readable names. Data pipelines are software, and they deserve the same care.",
                    ],
                },
            ],
        },
    ],
}

COURSE_2 = {
    "folder": "02-source-systems-data-ingestion-and-pipelines",
    "title": "Source Systems, Data Ingestion, and Pipelines",
    "description": "Where data comes from and how to move it reliably: databases and transactions, change data capture, batch and streaming ingestion, DataOps, and orchestration with DAGs.",
    "weeks": [
        {
            "folder": "01_week-1",
            "title": "Week 1: Source Systems",
            "description": "Databases, files, APIs and event streams as sources, and how they keep data consistent.",
            "lectures": [
                {
                    "file": "01-databases-as-source-systems",
                    "format": "srt",
                    "paragraphs": [
                        "Most of the data we ingest starts life in a database that serves an application. These are usually relational databases such as PostgreSQL or MySQL, tuned for many small reads and writes: create an order, update an address, look up a customer.",
                        "That tuning matters to us. A heavy analytical query, like scanning every order of the last five years, can slow the application down for real customers. So we avoid querying production directly, and read from a replica, an export or a change log instead.",
                        "Not every source is a relational database. Document stores keep flexible JSON records. Key-value stores answer lookups very quickly. Files arrive in object storage. APIs return pages of results. Event streams deliver one message at a time. Each of these needs a slightly different ingestion approach.",
                        "Consider a food delivery app. Its orders table is updated many times for each order: created, paid, picked up, delivered. If we copy the table once a day, we only see the final state and lose the story in between. If the analysts want to know how long each step takes, we need every change, not just the last one. That is why the way a source changes matters as much as what it contains.",
                        "Also ask about volume and growth. A table of ten thousand rows can be copied in full forever. A table that grows by ten million rows a day needs an incremental approach from the start.",
                        "Whatever the source, learn three things before you connect: how the data is structured, how it changes over time, and what the owners promise about it. Those three answers shape every design decision that follows.",
                    ],
                },
                {
                    "file": "02_acid-transactions",
                    "format": "vtt",
                    "paragraphs": [
                        "Relational databases protect their data with transactions, and the guarantees of a transaction are summarised by the word ACID.",
                        "Atomicity means a transaction happens completely or not at all. If we move money from one account to another, we never see the debit without the credit. Consistency means every transaction leaves the database valid according to its rules, such as foreign keys and check constraints.",
                        "Isolation means concurrent transactions do not see each other's half-finished work. Durability means that once a transaction is committed, it survives a crash.",
                        "Many analytical systems relax some of these guarantees in exchange for speed and scale. Some stores offer eventual consistency: after a write, different readers may briefly see different values, but they agree after a short time. That is fine for a count of page views, and dangerous for an account balance.",
                        "When you read from a source, ask which guarantees it gives, and design the ingestion so that what you copy is consistent. Reading from a snapshot or a replica at a known point in time is the simplest way.",
                        "In this week's lab you will see these guarantees at work in SQLite, including a transaction that fails halfway and leaves no trace.",
                        "Why should a data engineer care? Because these guarantees tell us what we can safely read. If we copy a table in the middle of a busy day without a consistent snapshot, we can capture an order without its line items. A query like SELECT * FROM orders WHERE status <> 'cancelled' only gives a meaningful answer when the rows it reads belong to one consistent moment.",
                    ],
                },
                {
                    "file": "03-change-data-capture",
                    "format": "srt",
                    "paragraphs": [
                        "Copying a whole table every night works for small tables. For large ones, we only want what changed. That is change data capture, or CDC.",
                        "The simplest form uses a timestamp column. Each run asks for rows where updated_at is later than the last run. It is easy, but it misses deleted rows and depends on every writer updating the timestamp correctly.",
                        "A more robust form reads the database's own log. Every insert, update and delete is written to a log before it is applied, so a CDC tool can read that log and publish each change as an event, including deletes, in the order they happened.",
                        "CDC also changes how we think about the target. Instead of a copy of the current table, we can keep the full history of changes and rebuild the state at any moment. Applying the changes in order gives the latest state; stopping at an earlier change gives the state as it was then. This is very useful when someone asks what a record looked like last month.",
                        "The main cost is care with ordering and duplicates. Changes must be applied in the order they happened, and applying the same change twice must not corrupt the copy.",
                        "In this week's lab we imitate log-based CDC with triggers in SQLite: every change to a table also writes a row to a change table, which a second process reads and applies to a copy. You will see inserts, updates and deletes flow through, and you will see why ordering matters.",
                    ],
                },
            ],
        },
        {
            "folder": "02_week-2",
            "title": "Week 2: Data Ingestion",
            "description": "Batch and streaming ingestion, ETL and ELT, APIs and message queues.",
            "lectures": [
                {
                    "file": "01-batch-and-streaming-ingestion",
                    "format": "srt",
                    "paragraphs": [
                        "Ingestion patterns follow the same split we saw in architecture. Batch ingestion moves a bounded chunk of data on a schedule. Streaming ingestion moves an unbounded flow of events continuously.",
                        "For batch, the key questions are the size of each chunk and how to recognise what is new. Full snapshots are simple and safe but expensive. Incremental loads are cheap but need a reliable way to find changes.",
                        "For streaming, we usually place a message system in the middle. Producers write events to it; consumers read at their own pace. A message queue hands each message to one consumer and forgets it. An event stream keeps messages for a while, so several consumers can read the same events and a consumer can replay from an earlier point.",
                        "Whichever pattern you choose, land the data first in its raw form, unchanged, with the time it arrived. This raw landing zone is your safety net. If a parser has a bug, you fix the parser and reprocess the raw data, instead of asking the source to send everything again, which is sometimes impossible.",
                        "Some sources push data to you instead of waiting to be asked. A partner might drop files into a shared bucket, or a service might call a webhook every time something happens. Push-based sources need a receiving end that is always available, validates what arrives, and stores it before doing anything else.",
                        "APIs deserve a special mention. They paginate, they limit how fast you can call them, and they change versions. A good API ingestion job respects rate limits, saves its position so it can resume, and stores the raw responses before parsing them.",
                    ],
                },
                {
                    "file": "02-etl-vs-elt",
                    "format": "srt",
                    "paragraphs": [
                        "ETL stands for extract, transform, load. We pull data out of the source, transform it on a separate processing system, and load only the finished result into the warehouse. For many years this was the standard, because warehouse storage and compute were expensive.",
                        "ELT swaps the last two steps: extract, load, then transform. Raw data is loaded into the warehouse or lake first, and transformations run there, usually as SQL. Cheap cloud storage and elastic compute made this practical.",
                        "ELT has a big advantage: the raw data is kept. When a business rule changes, you can recompute history from the original records instead of asking the source for them again. The risk is a swamp of raw tables nobody understands, so ELT needs good naming and documentation.",
                        "Let's follow one record through both approaches. A customer signs up with an email address. With ETL, a job reads the new customer, lowercases the email, checks that it is valid and loads a clean row. With ELT, the raw row is loaded as it was, and a SQL model in the warehouse produces the clean version. If we later decide to also extract the email domain, ELT lets us apply the new rule to every customer we have ever loaded, just by rerunning the model.",
                        "Whichever you choose, keep transformations in version control and run them with the same orchestration as the rest of the pipeline, so that a change in logic is reviewed like code.",
                        "In practice most teams mix both. Sensitive fields might be masked before loading, which is a small ETL step, while the heavy business logic runs in the warehouse.",
                    ],
                },
            ],
        },
        {
            "folder": "03_week-3",
            "title": "Week 3: DataOps",
            "description": "Automation, observability, data quality tests and infrastructure as code.",
            "lectures": [
                {
                    "file": "01-automation-and-observability",
                    "format": "srt",
                    "paragraphs": [
                        "A pipeline you have to babysit does not scale. Automation starts with version control: the pipeline code, its configuration and even the infrastructure it runs on are stored as text and reviewed like any other change.",
                        "Infrastructure as code tools such as Terraform describe servers, buckets and permissions in files. Applying the same files twice gives the same result, so a new environment for testing is one command away.",
                        "Observability is the other half. For every run, record how many rows came in and went out, how long each step took, and how fresh the output is. Plot these numbers over time. A sudden drop in row count is often the first sign that a source changed.",
                        "Think of observability as answering three questions quickly. Is the data here? Is it fresh? Is it right? The first two are easy to measure with row counts and timestamps. The third needs data quality tests, which are the subject of the next video.",
                        "A simple dashboard of these numbers for every pipeline, reviewed each morning, catches a large share of problems before any user notices them.",
                        "Automation extends to environments. Run every change first against a copy of the pipeline with sample data, then promote it to production with the same scripts. When the steps are identical, surprises in production become rare.",
                        "Alerts should be few and meaningful. An alert that fires every day gets ignored. An alert that fires when the revenue table is more than two hours late, and says which upstream task failed, gets fixed.",
                    ],
                },
                {
                    "file": "02-data-quality-tests",
                    "format": "srt",
                    "paragraphs": [
                        "Code tests check that a function behaves. Data quality tests check that the data itself makes sense, every time a pipeline runs.",
                        "Start with the basics. A key column must never be null and must be unique. A status column must only contain known values. An amount must not be negative. A table must not be empty. In code this can be as plain as: if row_count < 1, stop the pipeline and raise an alert.",
                        "Then add checks that compare with the past. Today's row count should be within a reasonable range of last week's. The share of orders from each country should not jump overnight. These checks catch problems nobody thought to write a rule for.",
                        "Also test the relationships between tables. Every order should point to a customer that exists. The total of the order lines should match the order total. The number of rows in a daily summary should match the number of days in the period. These checks cross table boundaries, and they catch bugs in joins and filters that single-column rules miss.",
                        "Keep the results of every check. A history of passes and failures shows which sources are reliable and which need a conversation with their owners.",
                        "Decide in advance what a failure does. Some checks should block the pipeline, so bad data never reaches a dashboard. Others should only warn. In this week's lab you will write a small set of checks in Python and run them on a dataset with a few planted problems.",
                    ],
                },
            ],
        },
        {
            "folder": "04_week-4",
            "title": "Week 4: Orchestration",
            "description": "DAGs, dependencies, idempotent tasks and backfills.",
            "lectures": [
                {
                    "file": "01-dags-and-dependencies",
                    "format": "srt",
                    "paragraphs": [
                        "Orchestrators describe pipelines as DAGs, directed acyclic graphs. Each node is a task. Each arrow says that one task must finish before another starts. Acyclic means there are no loops, so there is always an order in which every task can run.",
                        "A typical DAG might extract orders, extract customers, then join them, then compute daily revenue, then refresh a dashboard. The two extracts do not depend on each other, so the orchestrator can run them in parallel.",
                        "The orchestrator also handles the boring but vital parts: scheduling runs, retrying tasks that fail for temporary reasons, passing the logical date of the run to each task, and keeping a history of every attempt.",
                        "Dependencies are not only between tasks in one pipeline. The revenue pipeline may depend on a customer table produced by another team's pipeline. Orchestrators handle this with sensors, which wait for a file or a table to appear, or with datasets that trigger a pipeline when they are updated. Making these cross-team dependencies explicit avoids the classic failure where a job runs on time, but on yesterday's input.",
                        "Draw the graph before you write the code. If it does not fit on a page, the pipeline is probably doing too many things.",
                        "In this week's lab you will write a tiny orchestrator yourself: a few Python functions as tasks, a dictionary of dependencies, and a loop that runs each task once all of its upstream tasks have succeeded. It is a good way to see that there is no magic inside the big tools.",
                        "Keep tasks small and focused. A task that does one thing is easy to retry and easy to reason about when it fails.",
                    ],
                },
                {
                    "file": "02-idempotency-and-backfills",
                    "format": "vtt",
                    "paragraphs": [
                        "A task is idempotent if running it twice gives the same result as running it once. This single property makes retries and reruns safe, and it is the most important habit in pipeline design.",
                        "The usual trick is to write by partition and overwrite. A task that loads the orders for the third of March first deletes whatever it loaded for that date before, then inserts the new rows. Run it once or five times, the table ends up the same.",
                        "Appending without a check is the opposite. Every retry adds duplicate rows, and revenue quietly doubles.",
                        "Be careful with anything that depends on the current time. A task that filters orders by the date of today gives different results depending on when it runs. Instead, use the logical date the orchestrator passes to the run. Then the run for the third of March always processes the third of March, whether it runs that night, a week later, or during a backfill next year.",
                        "The same goes for random numbers and external lookups: fix what you can, and record what you cannot, so a rerun explains any difference.",
                        "Before a large backfill, estimate its cost and its load on the sources. Rerunning three years of daily tasks can mean more than a thousand runs. Limit how many run at once, start with a short range to check the results, and tell the users of the affected tables when numbers will change.",
                        "Idempotent tasks make backfills easy. A backfill reruns a pipeline for past dates, for example after fixing a bug in a transformation. The orchestrator simply runs the task once for each logical date in the range, and each run replaces its own partition.",
                    ],
                },
            ],
        },
    ],
}
