//! Word lists the demo draws names, titles and places from.

pub const FIRST_NAMES: &[&str] = &[
    "Amara", "Bjorn", "Chen", "Dalia", "Emeka", "Farah", "Gabriel", "Hana", "Igor", "Jade",
    "Kwame", "Lucia", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sanjay", "Tomoko",
    "Uma", "Viktor", "Wei", "Ximena", "Yusuf", "Zofia", "Aiko", "Bruno", "Camila", "Dmitri",
    "Elif", "Fatima", "Goran", "Helena", "Ismael", "Julia", "Kenji", "Leila", "Marcus", "Noor",
    "Olga", "Pedro", "Rania", "Sean", "Thandiwe", "Valentina", "Wanjiru", "Xavier", "Yara", "Zain",
];

pub const LAST_NAMES: &[&str] = &[
    "Okafor", "Lindqvist", "Wang", "Haddad", "Nwosu", "Rahman", "Moreau", "Sato", "Petrov",
    "Nguyen", "Mensah", "Fernandez", "Rossi", "Kowalski", "Berg", "Iyer", "Dubois", "Alvarez",
    "Gupta", "Tanaka", "Shah", "Novak", "Li", "Castillo", "Demir", "Wisniewska", "Kimura", "Costa",
    "Oliveira", "Volkov", "Yilmaz", "Begum", "Jovanovic", "Schmidt", "Garcia", "Jansen", "Murphy",
    "Hassan", "Ivanova", "Killeen", "Mbeki", "Silva", "Larsen", "Cohen", "Park", "Romero",
    "Kariuki", "Lopez", "Ahmed", "Brennan",
];

pub const COUNTRIES: &[(&str, &str)] = &[
    ("US", "Americas"),
    ("CA", "Americas"),
    ("BR", "Americas"),
    ("MX", "Americas"),
    ("AR", "Americas"),
    ("GB", "Europe"),
    ("DE", "Europe"),
    ("FR", "Europe"),
    ("NL", "Europe"),
    ("PL", "Europe"),
    ("SE", "Europe"),
    ("ES", "Europe"),
    ("IT", "Europe"),
    ("NG", "Africa"),
    ("KE", "Africa"),
    ("ZA", "Africa"),
    ("EG", "Africa"),
    ("IN", "Asia Pacific"),
    ("JP", "Asia Pacific"),
    ("CN", "Asia Pacific"),
    ("AU", "Asia Pacific"),
    ("SG", "Asia Pacific"),
    ("KR", "Asia Pacific"),
    ("TR", "Europe"),
    ("AE", "Middle East"),
];

pub const EMPLOYERS: &[&str] = &[
    "Contoso Consulting", "Fabrikam", "Tailspin Toys", "Adventure Works", "Litware", "Proseware",
    "Wide World Importers", "Woodgrove Bank", "Fourth Coffee", "Lamna Healthcare", "Trey Research",
    "Alpine Ski House", "Blue Yonder Airlines", "Coho Winery", "Relecloud", "Independent",
    "Independent", "Independent", "University of Lagos", "TU Delft",
];

/// (category name, description, technology areas)
pub const CATEGORIES: &[(&str, &str, &[&str])] = &[
    (
        "Cloud and Infrastructure",
        "Running systems at scale: compute, networking, storage and operations.",
        &[
            "Containers", "Kubernetes", "Serverless", "Networking", "Storage",
            "Infrastructure as Code", "Observability", "Site Reliability",
        ],
    ),
    (
        "Developer Technologies",
        "Languages, frameworks and tools that developers build with.",
        &[
            ".NET", "C#", "TypeScript", "Rust", "Web Frameworks", "Developer Tools", "Testing",
            "API Design",
        ],
    ),
    (
        "Data and AI",
        "Databases, analytics and machine learning.",
        &[
            "Relational Databases", "Data Engineering", "Analytics", "Machine Learning",
            "Generative AI", "MLOps", "Search", "Data Visualization",
        ],
    ),
    (
        "Security",
        "Keeping people and systems safe.",
        &[
            "Identity", "Application Security", "Cloud Security", "Threat Intelligence",
            "Cryptography", "Compliance", "Incident Response", "Zero Trust",
        ],
    ),
    (
        "Productivity and Collaboration",
        "The tools teams work in every day.",
        &[
            "Spreadsheets", "Documents", "Team Chat", "Email and Calendar", "Automation",
            "Low Code", "Knowledge Management", "Accessibility",
        ],
    ),
    (
        "Business Applications",
        "CRM, ERP and the platforms businesses run on.",
        &[
            "CRM", "ERP", "Power Platform", "Customer Service", "Supply Chain", "Finance Apps",
            "Commerce", "Field Service",
        ],
    ),
    (
        "Windows and Devices",
        "Operating systems, devices and the people who manage them.",
        &[
            "Windows Client", "Device Management", "PowerShell", "Mixed Reality", "Surface",
            "Drivers", "Enterprise Deployment", "Terminal",
        ],
    ),
    (
        "Gaming and Graphics",
        "Game development, engines and real-time graphics.",
        &[
            "Game Engines", "Graphics APIs", "Game Design", "Audio", "Multiplayer", "Modding",
            "Streaming", "Esports",
        ],
    ),
    (
        "Internet of Things",
        "Connected devices, edge computing and embedded systems.",
        &[
            "Embedded", "Edge Computing", "Digital Twins", "Industrial IoT", "Microcontrollers",
            "Sensors", "Robotics", "Home Automation",
        ],
    ),
    (
        "Community Leadership",
        "Building and running the communities themselves.",
        &[
            "User Groups", "Conferences", "Mentoring", "Diversity and Inclusion",
            "Open Source Governance", "Education", "Developer Relations", "Localization",
        ],
    ),
];

pub const TITLE_OPENINGS: &[&str] = &[
    "Getting started with", "A deep dive into", "Ten lessons from", "What's new in", "Debugging",
    "Scaling", "Migrating to", "Testing", "Securing", "Designing for", "Understanding",
    "Building a real app with", "Performance tuning", "Patterns for", "Five mistakes to avoid in",
    "From zero to production with", "Hands-on",
];

pub const TITLE_ENDINGS: &[&str] = &[
    "", " in practice", " for beginners", " at scale", ": a year in review", " the hard way",
    " without the hype", ", explained", " on a budget", " with the community",
];

pub const BLOG_HOSTS: &[&str] =
    &["dev.to", "medium.com", "hashnode.dev", "substack.com", "github.io", "blog.example.org"];

/// The topics of every demo AMA, and the tags of its questions.
pub const AMA_TOPICS: &[&str] = &["career", "community", "speaking", "writing", "program"];

/// The slug of the program's own AMA.
pub const PROGRAM_AMA: &str = "program-team";

pub const AMA_QUESTIONS: &[&str] = &[
    "How did you become an awardee?",
    "What does it take to be an awardee? Is it a stepping stone to working at the sponsor?",
    "How do you find time to blog while working full time?",
    "What's your setup for recording talks?",
    "How do you pick topics for conference talks?",
    "Which open-source project would you recommend to a first-time contributor?",
    "How do you deal with burnout in community work?",
    "What was your first talk like?",
    "Do you use AI tools when writing?",
    "How do you prepare for a workshop?",
    "What's the most useful product feedback you've given?",
    "How did you start your user group?",
];
