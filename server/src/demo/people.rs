//! Realistic names and numbers by country for the demo workspaces, and the
//! people generated from them.

use rand::rngs::StdRng;
use rand::Rng;

/// People of one country: names, how its mobile numbers look, its language.
pub struct Country {
    pub code: &'static str,
    pub language: &'static str,
    /// E.164 prefix of a mobile number; random digits complete it.
    pub mobile_prefix: &'static str,
    /// How many random digits follow the prefix.
    pub random_digits: u32,
    pub first_names: &'static [&'static str],
    pub last_names: &'static [&'static str],
}

pub const COUNTRIES: &[Country] = &[
    Country {
        code: "DE",
        language: "de",
        mobile_prefix: "+49151",
        random_digits: 8,
        first_names: &[
            "Lena", "Jonas", "Mia", "Lukas", "Hannah", "Felix", "Sophie", "Paul", "Emma", "Leon",
        ],
        last_names: &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Hoffmann",
            "Koch",
        ],
    },
    Country {
        code: "GB",
        language: "en",
        mobile_prefix: "+447400123",
        random_digits: 3,
        first_names: &[
            "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Lily", "Noah", "Grace",
        ],
        last_names: &[
            "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas",
            "Roberts", "Walker",
        ],
    },
    Country {
        code: "US",
        language: "en",
        mobile_prefix: "+1415555",
        random_digits: 4,
        first_names: &[
            "James", "Olivia", "Liam", "Emma", "Ethan", "Sophia", "Mason", "Isabella", "Logan",
            "Mia",
        ],
        last_names: &[
            "Johnson",
            "Miller",
            "Davis",
            "Garcia",
            "Rodriguez",
            "Martinez",
            "Anderson",
            "Moore",
            "Jackson",
            "White",
        ],
    },
    Country {
        code: "FR",
        language: "fr",
        mobile_prefix: "+336",
        random_digits: 8,
        first_names: &[
            "Louise", "Gabriel", "Jade", "Raphaël", "Chloé", "Arthur", "Inès", "Hugo", "Léa",
            "Jules",
        ],
        last_names: &[
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
            "Leroy", "Moreau",
        ],
    },
    Country {
        code: "ES",
        language: "es",
        mobile_prefix: "+346",
        random_digits: 8,
        first_names: &[
            "Lucía",
            "Hugo",
            "Martina",
            "Mateo",
            "Sofía",
            "Leo",
            "Julia",
            "Daniel",
            "Paula",
            "Alejandro",
        ],
        last_names: &[
            "García",
            "Fernández",
            "González",
            "Rodríguez",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Díaz",
        ],
    },
    Country {
        code: "BR",
        language: "pt",
        mobile_prefix: "+55119",
        random_digits: 8,
        first_names: &[
            "Miguel",
            "Helena",
            "Arthur",
            "Alice",
            "Heitor",
            "Laura",
            "Bernardo",
            "Manuela",
            "Davi",
            "Valentina",
        ],
        last_names: &[
            "Silva",
            "Santos",
            "Oliveira",
            "Souza",
            "Rodrigues",
            "Ferreira",
            "Alves",
            "Pereira",
            "Lima",
            "Gomes",
        ],
    },
    Country {
        code: "IN",
        language: "hi",
        mobile_prefix: "+9198",
        random_digits: 8,
        first_names: &[
            "Aarav", "Saanvi", "Vivaan", "Ananya", "Aditya", "Diya", "Arjun", "Aadhya", "Reyansh",
            "Ishita",
        ],
        last_names: &[
            "Sharma", "Verma", "Patel", "Gupta", "Singh", "Kumar", "Reddy", "Iyer", "Nair", "Mehta",
        ],
    },
    Country {
        code: "NL",
        language: "nl",
        // 06-1… to 06-5…: mobile numbers (066 belongs to paging services).
        mobile_prefix: "+3161",
        random_digits: 7,
        first_names: &[
            "Daan", "Emma", "Sem", "Julia", "Lucas", "Tess", "Finn", "Sophie", "Levi", "Zoë",
        ],
        last_names: &[
            "de Jong",
            "Jansen",
            "de Vries",
            "van den Berg",
            "van Dijk",
            "Bakker",
            "Janssen",
            "Visser",
            "Smit",
            "Meijer",
        ],
    },
    Country {
        code: "JP",
        language: "ja",
        mobile_prefix: "+8190",
        random_digits: 8,
        first_names: &[
            "Haruto", "Yui", "Sota", "Hina", "Yuto", "Aoi", "Riku", "Mei", "Kaito", "Sakura",
        ],
        last_names: &[
            "Sato",
            "Suzuki",
            "Takahashi",
            "Tanaka",
            "Watanabe",
            "Ito",
            "Yamamoto",
            "Nakamura",
            "Kobayashi",
            "Kato",
        ],
    },
    Country {
        code: "MX",
        language: "es",
        mobile_prefix: "+5255",
        random_digits: 8,
        first_names: &[
            "Santiago",
            "Ximena",
            "Sebastián",
            "Valeria",
            "Diego",
            "Regina",
            "Emiliano",
            "Camila",
            "Matías",
            "Renata",
        ],
        last_names: &[
            "Hernández",
            "López",
            "Ramírez",
            "Flores",
            "Torres",
            "Morales",
            "Cruz",
            "Reyes",
            "Ortiz",
            "Castillo",
        ],
    },
];

/// One generated person.
pub struct Person {
    pub first: String,
    pub last: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub country: &'static str,
    pub language: &'static str,
}

pub fn person(rng: &mut StdRng, workspace: i64, index: usize) -> Person {
    let country = &COUNTRIES[rng.gen_range(0..COUNTRIES.len())];
    let first = country.first_names[rng.gen_range(0..country.first_names.len())];
    let last = country.last_names[rng.gen_range(0..country.last_names.len())];
    let email_name: String = format!("{first}.{last}")
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    Person {
        first: first.to_string(),
        last: last.to_string(),
        phone: rng
            .gen_bool(0.85)
            .then(|| phone_number(rng, country))
            .flatten(),
        email: rng
            .gen_bool(0.7)
            .then(|| format!("{email_name}.{workspace}{index}@example.com")),
        country: country.code,
        language: country.language,
    }
}

/// A random mobile number of the country that the product's own phone
/// rules accept (some number ranges of a prefix belong to other regions or
/// are unassigned), in E.164 as the product stores it.
fn phone_number(rng: &mut StdRng, country: &Country) -> Option<String> {
    (0..20).find_map(|_| {
        let digits: String = (0..country.random_digits)
            .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
            .collect();
        shared::PhoneNumber::parse(&format!("{}{digits}", country.mobile_prefix), None)
            .ok()
            .map(|phone| phone.e164().to_owned())
    })
}
